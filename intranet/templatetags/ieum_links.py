"""Absolute links for what leaves the site (e-mail templates): a builtin library."""

from django import template

from intranet.links import absolute_url

register = template.Library()


@register.filter
def absolute(path) -> str:
    """{{ page.url|absolute }} → https://ieum.agency.example/newsroom/… (``IEUM_SITE_URL``)."""
    return absolute_url(str(path or ""))
