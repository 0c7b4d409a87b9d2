"""Links that leave the site (e-mail, calendar and RSS feeds, certificates) are absolute, and all
are built from one configured address: ``settings.IEUM_SITE_URL`` (the environment's
``IEUM_SITE_URL``; ``make run`` sets it to its own address). Wagtail's admin links use the same
value (``WAGTAILADMIN_BASE_URL``), so the site has one address, not one per module.
"""

from django.conf import settings


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
