"""Links that leave the site (e-mail, calendar and RSS feeds, certificates) are absolute, and all
are built from one configured address: ``settings.IEUM_SITE_URL`` (the environment's
``IEUM_SITE_URL``; ``make run`` sets it to its own address). Wagtail's admin links use the same
value (``WAGTAILADMIN_BASE_URL``), so the site has one address, not one per module.
"""

from urllib.parse import quote

from django.conf import settings
from django.urls import reverse
from django.utils.http import RFC3986_SUBDELIMS


def site_url() -> str:
    """The configured address of the site, without a trailing slash: https://ieum.agency.example"""
    return settings.IEUM_SITE_URL.rstrip("/")


def absolute_url(path: str) -> str:
    """``path`` (``/learning/records/26/``) as a link that works outside the site. A link that is
    already absolute is kept; an empty one stays empty."""
    if not path:
        return ""
    if path.startswith(("http://", "https://")):
        return path
    return site_url() + ("" if path.startswith("/") else "/") + path


def page_absolute_url(page) -> str:
    """A Wagtail page's address on the configured site (never the Site record's own
    hostname, which is ``localhost`` in a fresh install)."""
    parts = page.get_url_parts()
    return absolute_url(parts[2]) if parts else ""


def page_url_finder():
    """A function giving each Wagtail page's ``page.url`` (relative on a one-site install, or
    ``None`` when not routable) with the site root paths read once for all the pages it is
    called for: ``page.url`` reads them from the cache on every call, one Redis round trip per
    row of a list. Make one per request (the paths change when a site or a root page does)."""
    from types import SimpleNamespace

    holder = SimpleNamespace()  # Wagtail keeps the root paths on the object it is given

    def url(page) -> str | None:
        parts = page.get_url_parts(request=holder)
        if parts is None or parts[2] is None:
            return None
        _site, root_url, path = parts
        one_site = len({root[0] for root in holder._wagtail_cached_site_root_paths}) == 1
        return path if one_site else root_url + path

    return url


def url_maker(viewname: str, kwarg: str):
    """A function giving ``reverse(viewname, kwargs={kwarg: value})`` for many values from one
    ``reverse``: the address with a marker in place of the value, then each value put in,
    quoted as ``reverse`` quotes it. For a view whose one argument is an ``int`` or a ``str``
    without ``/`` (a pk, an employee number): the marker is digits, which both accept."""
    marker = "987654321"
    head, _marker, tail = reverse(viewname, kwargs={kwarg: marker}).partition(marker)
    return lambda value: head + quote(str(value), safe=RFC3986_SUBDELIMS + "/~:@") + tail


class LinkedRow:
    """For a small frozen row (a dataclass of plain values) that carries its address in ``url``:
    templates and ``{% url %}``-free links call ``get_absolute_url`` as on a model."""

    __slots__ = ()

    def get_absolute_url(self) -> str:
        return self.url
