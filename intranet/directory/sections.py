"""The other modules' sections of the staff profile, rendered, and kept when their module says so.

A profile gathers a section from each module (``intranet.registry.profile_sections``): the
person's articles, committee items, clubs, learning, records, programmes. Each is one or two
queries and a template, so a profile cost some 46,000 Python calls, most of them in the sections.
A section registered with ``kept=True`` is rendered once and kept (``intranet.caching``) for the
person, whether the reader is that person (the only thing about the reader a section may show:
a link to one's own pages), the language and the directory's generation (a renamed person or
department), until a write its module follows (``follow_writes``: every model the section
reads, its Wagtail pages through ``intranet.routing.connect_page_writes``) starts a new
generation; a bulk writer that sends no signal calls ``profile_sections_changed`` itself. The
generation is one for all kept sections, so a profile reads one token for all of them.

Sections without ``kept`` (the programmes: their states depend on the day and on writes that
bump the plan's version without a signal) are rendered on every view.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.template.loader import get_template
from django.utils import translation

from intranet.caching import Generational
from intranet.registry import profile_sections

from .cache import SAFETY_SECONDS, directory_generation

# One value per person and reader kind shown lately in this process (a list of short fragments).
_kept = Generational("directory:profile-sections", SAFETY_SECONDS, limit=256)


def profile_sections_changed(**kwargs) -> None:
    """Start a new generation of the kept sections (now, and again after the commit)."""
    _kept.invalidate()


def follow_writes(*models, uid: str) -> None:
    """Call ``profile_sections_changed`` on every save or delete of ``models`` (a many-to-many
    ``through`` model also on every change of its links)."""
    for model in models:
        label = f"{uid}.{model._meta.label}"
        post_save.connect(profile_sections_changed, sender=model, dispatch_uid=f"{label}.saved")
        post_delete.connect(profile_sections_changed, sender=model, dispatch_uid=f"{label}.deleted")
        if model._meta.auto_created:
            m2m_changed.connect(profile_sections_changed, sender=model, dispatch_uid=f"{label}.linked")


def _render(panels, request, person) -> list[tuple[str, str]]:
    """``(panel key, html)`` of each panel that has something to show. Rendered without the
    request (no context processor runs, nothing of the reader's session gets in)."""
    rendered = []
    for panel in panels:
        context = panel.provider(request, person)
        if context is not None:
            html = get_template(panel.template).render({"data": {"panel": panel, **context}})
            rendered.append((panel.key, html))
    return rendered


def profile_sections_rendered(request, person, *, is_self: bool) -> list[dict]:
    """Each section that has something to show, in order: ``{"panel": …, "html": …}``."""
    panels = list(profile_sections)
    kept_panels = [panel for panel in panels if panel.kept]
    generation = directory_generation()
    if generation:
        key = f"{person.pk}:{int(is_self)}:{translation.get_language()}:{generation}"
        kept = dict(_kept.get(key, lambda: _render(kept_panels, request, person)))
    else:  # no token (the cache is down): nothing is kept
        kept = dict(_render(kept_panels, request, person))
    live = dict(_render([panel for panel in panels if not panel.kept], request, person))
    return [
        {"panel": panel, "html": kept[panel.key] if panel.kept else live[panel.key]}
        for panel in panels
        if panel.key in (kept if panel.kept else live)
    ]
