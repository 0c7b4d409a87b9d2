"""Serving a Wagtail page without re-reading the page tree on every request.

Wagtail's own ``serve`` finds the site (one query), fetches the site's root page as its specific
class, then, for each part of the path, the child with that slug and its specific class (two
queries a level), and before serving reads the page's ancestors and the view restrictions on
them (two more queries). On this site the tree changes a few times a day and is read on every
page, so ``serve`` below keeps what the walk found per *generation* (``intranet.caching``):

- the site of each host and port (the ``Site`` record, as Wagtail's ``get_site_for_hostname``
  chose it),
- for each path, the page it leads to (its id and content type), when every page on the way
  routes as Wagtail's ``Page.route`` does (a page type with its own ``route`` — a routable page —
  is walked by Wagtail every time, and so is a path that leads nowhere),
- the paths of the pages that carry a view restriction and of alias pages.

A page found in the map is read as its specific class and kept too (the most visited
``PAGE_LIMIT`` pages; each request gets its own copy), and must still be live.
A page under a view restriction (or under an alias) goes through Wagtail's own check, unchanged;
any other page needs no restriction query. Every write that can change the answers — a page saved,
deleted or moved, a site or a view restriction saved or deleted — starts a new generation
(``routing_cache_clear``, connected in ``IntranetConfig.ready``).
"""

import copy
import hashlib

from django.contrib.contenttypes.models import ContentType
from django.http import Http404, HttpResponse
from django.http.request import split_domain_port
from wagtail import hooks
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.models.sites import get_site_for_hostname
from wagtail.url_routing import RouteResult
from wagtail.views import serve_chain
from wagtail.wagtail_hooks import check_view_restrictions

from intranet.caching import Generational

SAFETY_SECONDS = 3600
# Paths kept per process: every page of a large intranet plus the odd query-string-free variant.
ROUTE_LIMIT = 4096

# Pages kept per process: the most visited; a page row with its rich text is a few kB.
PAGE_LIMIT = 256

# The namespace names the format of what it keeps: change it with the format, so that processes
# of a new release never read an older release's values from the shared cache.
_routes = Generational("wagtail:routing:2", SAFETY_SECONDS, limit=ROUTE_LIMIT)
_pages = Generational("wagtail:pages", SAFETY_SECONDS, limit=PAGE_LIMIT)
NOT_CACHED = ()  # a path Wagtail walks every time (a routable page on the way, or no page)


def routing_cache_clear(**kwargs) -> None:
    """A new generation of sites, routes, restricted paths and pages (now and after commit)."""
    _routes.invalidate()
    _pages.invalidate()


def site_for_request(request) -> Site | None:
    """``Site.find_for_request`` without its query: the site Wagtail's ``get_site_for_hostname``
    chooses for the request's host and port, kept per generation as its field values (a new
    ``Site`` per request, so no request changes another's; its root page is read when asked for).
    Cached on the request as Wagtail caches it."""
    if hasattr(request, "_wagtail_site"):
        return request._wagtail_site
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()

    def find():
        try:
            site = get_site_for_hostname(hostname, port)
        except Site.DoesNotExist:
            return (None,)
        names = tuple(field.attname for field in Site._meta.concrete_fields)
        return (names, tuple(getattr(site, name) for name in names))

    found = _routes.get(f"site:{hostname}:{port}", find)
    request._wagtail_site = Site.from_db("default", *found) if found[0] is not None else None
    return request._wagtail_site


def _walk(site: Site, components: list[str]) -> tuple:
    """What Wagtail's default ``Page.route`` finds for the path: ``(page id, content type id)``
    and its parent's (``None, None`` at the site's root), or ``NOT_CACHED`` when a page on the
    way routes its own way or the path leads nowhere."""
    page, parent = site.root_page.localized.specific, None
    for slug in components:
        if type(page).route is not Page.route:
            return NOT_CACHED
        child = page.get_children().filter(slug=slug).first()
        if child is None:
            return NOT_CACHED
        page, parent = child.specific, page
    if type(page).route is not Page.route:
        return NOT_CACHED
    if parent is None:
        return (page.pk, page.content_type_id, None, None)
    return (page.pk, page.content_type_id, parent.pk, parent.content_type_id)


def _restricted_paths() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The tree paths of the pages with a view restriction and of the alias pages."""
    restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    aliases = tuple(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True))
    return restricted, aliases


def _under_any(path: str, roots: tuple[str, ...]) -> bool:
    """Whether the page at tree ``path`` is one of ``roots`` or below one (its ancestors' paths
    are its prefixes)."""
    return any(path.startswith(root) for root in roots)


def needs_restriction_check(page: Page) -> bool:
    """False when neither the page nor an ancestor carries a view restriction or is an alias
    (an alias takes its source's restrictions, which Wagtail's check resolves)."""
    restricted, aliases = _routes.get("restricted-paths", _restricted_paths)
    return _under_any(page.path, restricted) or _under_any(page.path, aliases)


def _route_key(site: Site, components: list[str]) -> str:
    """A short key whatever the path: a digest, since an address may be any length (a cache key
    over 250 characters is refused by memcached and wasteful in Redis)."""
    digest = hashlib.blake2b("/".join(components).encode(), digest_size=16).hexdigest()
    return f"route:{site.pk}:{digest}"


def _page_for_path(request, site: Site, path: str) -> Page | None:
    components = [component for component in path.split("/") if component]
    found = _routes.get(_route_key(site, components), lambda: _walk(site, components))
    if found == NOT_CACHED:
        return None
    page = _kept_page(*found[:2])
    if page is None:  # deleted since: the generation is being renewed, let Wagtail walk
        return None
    if not page.live:
        raise Http404
    if found[2] is not None:
        # As Wagtail's route does: the parent it walked through, so ``get_parent`` (a page's
        # breadcrumb) costs no query.
        parent = _kept_page(*found[2:])
        if parent is not None:
            page._cached_parent_obj = parent
    return page


def _kept_page(page_id: int, content_type_id: int) -> Page | None:
    """The page, as its specific class, from the kept generation: a copy for each request (Django
    copies an instance's field caches with it), so no request changes another's."""
    page = _pages.get(f"page:{page_id}", lambda: _read_page(page_id, content_type_id))[0]
    return copy.copy(page) if page is not None else None


def _read_page(page_id: int, content_type_id: int) -> tuple:
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    return (model.objects.filter(pk=page_id).first() if model is not None else None,)


def _check_view_restrictions_cached(callback):
    """Wagtail's ``check_view_restrictions`` (``on_serve_page``), asked only for pages that may
    be restricted: without a restriction on the page or above it there is nothing to check."""
    checked = check_view_restrictions(callback)

    def inner(page, request, serve_args, serve_kwargs):
        if needs_restriction_check(page):
            return checked(page, request, serve_args, serve_kwargs)
        return callback(page, request, serve_args, serve_kwargs)

    return inner


def serve(request, path):
    """Wagtail's ``wagtail.views.serve`` with the site, the route and the restriction check read
    from the generation above; every hook runs as in Wagtail."""
    if not hasattr(request, "_wagtail_route_for_request"):
        site = site_for_request(request)
        if site is not None:
            try:
                page = _page_for_path(request, site, path)
            except Http404:
                request._wagtail_route_for_request = None
            else:
                if page is not None:
                    request._wagtail_route_for_request = RouteResult(page)
    route_result = Page.route_for_request(request, path)  # Wagtail walks what the map lacks
    if route_result is None:
        raise Http404
    page, args, kwargs = route_result

    on_serve_chain = serve_chain
    for fn in reversed(hooks.get_hooks("on_serve_page")):
        if fn is check_view_restrictions:
            fn = _check_view_restrictions_cached
        on_serve_chain = fn(on_serve_chain)

    for fn in hooks.get_hooks("before_serve_page"):
        result = fn(page, request, args, kwargs)
        if isinstance(result, HttpResponse):
            return result

    return on_serve_chain(page, request, args, kwargs)


def connect_page_writes(handler, uid: str) -> None:
    """Call ``handler(**kwargs)`` after every write that can change what a page shows or where
    it is: a page saved (published, unpublished, renamed), deleted or moved, a site or a view
    restriction saved or deleted. Other caches of page data (the newsroom home) use it too."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.signals import post_page_move

    def page_written(sender, instance=None, **kwargs):
        if isinstance(instance, Page):
            handler(**kwargs)

    # weak=False: the closure above has no other reference.
    post_save.connect(page_written, weak=False, dispatch_uid=f"{uid}.page_saved")
    post_delete.connect(page_written, weak=False, dispatch_uid=f"{uid}.page_deleted")
    post_page_move.connect(handler, dispatch_uid=f"{uid}.page_moved")
    for model in (Site, PageViewRestriction):
        post_save.connect(handler, sender=model, dispatch_uid=f"{uid}.{model.__name__}.saved")
        post_delete.connect(handler, sender=model, dispatch_uid=f"{uid}.{model.__name__}.deleted")


def connect() -> None:
    """Start a new generation on every write that can change a site, a route or a restriction."""
    connect_page_writes(routing_cache_clear, "intranet.routing")
    _keep_site_root_paths()


def _keep_site_root_paths() -> None:
    """``Site.get_site_root_paths`` (what ``page.url`` reads: a shared-cache round trip each time
    it is asked, twice on the home page) kept per routing generation in this process: the token is
    read for the route anyway. Everything that changes the root paths renews the generation: a
    site saved or deleted and a page saved or moved (``connect_page_writes``), and Wagtail's own
    ``clear_site_root_paths_cache`` (called after a site root's save) clears the routing
    generation too, so a value read between the save and that clear is not kept."""
    if getattr(Site.get_site_root_paths, "ieum_kept", False):
        return
    wagtail_read = Site.get_site_root_paths
    wagtail_clear = Site.clear_site_root_paths_cache

    def get_site_root_paths():
        return _routes.get("site-root-paths", wagtail_read)

    def clear_site_root_paths_cache():
        wagtail_clear()
        routing_cache_clear()

    get_site_root_paths.ieum_kept = True
    Site.get_site_root_paths = staticmethod(get_site_root_paths)
    Site.clear_site_root_paths_cache = staticmethod(clear_site_root_paths_cache)
