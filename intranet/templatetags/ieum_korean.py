"""Korean dates and particles for every template (a builtin library: no ``{% load %}``)."""

from django import template
from django.utils import translation

from intranet import korean

register = template.Library()


@register.filter
def kdate(value) -> str:
    """{{ day|kdate }} → 2025. 3. 14."""
    return korean.format_korean_date(value)


@register.filter
def kdatetime(value) -> str:
    """{{ moment|kdatetime }} → 2025. 3. 14. 09:30 (in the site's time zone)."""
    return korean.format_korean_date(value, with_time=True)


@register.filter
def josa(value, pattern: str) -> str:
    """{{ name|josa:"이/가" }} → 홍길동이 · 김민수가: the name with the particle it takes (in
    another language, the name alone: the particle is Korean grammar)."""
    if not _korean_active():
        return str(value)
    return korean.with_particle(value, pattern)


@register.filter
def particle(value, pattern: str) -> str:
    """Only the particle, for a sentence that quotes the name: '{{ title }}'{{ title|particle:"을/를" }}
    (empty in another language, whose translation still names the placeholder)."""
    if not _korean_active():
        return ""
    return korean.particle(str(value), pattern)


def _korean_active() -> bool:
    return (translation.get_language() or "ko").startswith("ko")
