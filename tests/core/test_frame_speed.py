"""What every request pays around its view (issue 18, the frame): the generation tokens a part of
the site needs are read in one round trip, Wagtail's site root paths are kept per routing
generation, and neither keeps a write from being seen on the next request."""

import pytest
from django.core.cache import cache
from django.utils import translation
from wagtail.models import Page, Site

from intranet import caching
from intranet.caching import Generational
from intranet.home.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def cache_reads(monkeypatch):
    """Every key read from the shared cache, one list per call (``get`` or ``get_many``)."""
    reads, inside_many = [], []
    real_get, real_get_many = cache.get, cache.get_many

    def get(key, *args, **kwargs):
        if not inside_many:  # the local-memory cache's get_many calls get for each key
            reads.append([key])
        return real_get(key, *args, **kwargs)

    def get_many(keys, *args, **kwargs):
        reads.append(list(keys))
        inside_many.append(True)
        try:
            return real_get_many(keys, *args, **kwargs)
        finally:
            inside_many.pop()

    monkeypatch.setattr(cache, "get", get)
    monkeypatch.setattr(cache, "get_many", get_many)
    return reads


class _Request:
    """What ``intranet.caching`` hears of a request: its start (with the address) and its end
    (sending ``request_finished`` itself would close the test's database connection)."""

    def __init__(self, path):
        self.path = path

    def __enter__(self):
        caching._request_begins(environ={"PATH_INFO": self.path})

    def __exit__(self, *exc):
        caching._request_ends()


def test_a_parts_tokens_are_read_in_one_round_trip_and_writes_are_seen(cache_reads):
    first, second = Generational("test:batch-a", 60), Generational("test:batch-b", 60)
    other = Generational("test:batch-other", 60)
    with _Request("/batched/one/"):  # learns which tokens this part of the site reads
        assert first.get("v", lambda: "a1") == "a1"
        assert second.get("v", lambda: "b1") == "b1"
    with _Request("/elsewhere/"):
        assert other.get("v", lambda: "o1") == "o1"
    cache_reads.clear()
    with _Request("/batched/two/"):
        assert first.get("v", lambda: "again") == "a1"
        assert second.get("v", lambda: "again") == "b1"
        assert first.get("v", lambda: "again") == "a1"
    token_reads = [keys for keys in cache_reads if any(key.endswith(":generation") for key in keys)]
    assert token_reads == [["test:batch-a:generation", "test:batch-b:generation"]]

    with _Request("/batched/"):
        first.invalidate()  # a write in this request: its next read sees the new generation
        assert first.get("v", lambda: "a2") == "a2"
        assert second.get("v", lambda: "again") == "b1"
    second.invalidate()  # another request's write (or process's): seen by the next request
    with _Request("/batched/"):
        assert first.get("v", lambda: "again") == "a2"
        assert second.get("v", lambda: "b2") == "b2"
    cache.delete("test:batch-a:generation")  # as another process's invalidate() does
    with _Request("/batched/"):
        assert first.get("v", lambda: "a3") == "a3"


def test_a_part_reading_one_token_reads_only_it(cache_reads):
    alone, elsewhere = Generational("test:alone", 60), Generational("test:alone-elsewhere", 60)
    with _Request("/alone-else/"):
        elsewhere.get("v", lambda: 1)
    with _Request("/alone/"):
        alone.get("v", lambda: 1)
    cache_reads.clear()
    with _Request("/alone/"):
        assert alone.get("v", lambda: 2) == 1
    assert cache_reads == [["test:alone:generation"]]


def _page(parent, slug):
    page = parent.add_child(instance=ContentPage(title=slug, slug=slug, body=f"<p>{slug}</p>"))
    page.save_revision().publish()
    return ContentPage.objects.get(pk=page.pk)


def test_site_root_paths_are_kept_per_routing_generation(cache_reads):
    home = HomePage.objects.get()
    guide = _page(home, "guide")
    with _Request("/"):
        assert Page.objects.get(pk=guide.pk).url == "/guide/"
    cache_reads.clear()
    with _Request("/"):
        assert Page.objects.get(pk=guide.pk).url == "/guide/"
        assert Page.objects.get(pk=home.pk).url == "/"
    assert not [keys for keys in cache_reads if "wagtail_site_root_paths" in keys]

    site = Site.objects.get(is_default_site=True)
    site.root_page = guide  # the site's root moves: every address changes at once
    site.save()
    with _Request("/"):
        assert Page.objects.get(pk=guide.pk).url == "/"
    site.root_page = home
    site.save()
    with _Request("/"):
        assert Page.objects.get(pk=guide.pk).url == "/guide/"
    with _Request("/"):
        home.slug = "home-renamed"  # a site root renamed: Wagtail's clear renews the generation
        home.save()
        assert Page.objects.get(pk=guide.pk).url == "/guide/"
        assert Site.get_site_root_paths()[0].root_path == "/home-renamed/"


def test_a_new_site_is_seen_at_once(login_as):
    home = HomePage.objects.get()
    guide = _page(home, "guide")
    client = login_as()
    assert client.get("/").status_code == 200  # the root paths of one site are kept
    Site.objects.create(hostname="other.example", port=8443, root_page=guide)
    with _Request("/"):
        assert len(Site.get_site_root_paths()) == 2
        assert Page.objects.get(pk=guide.pk).url == "http://other.example:8443/"


def _csp_headers(middleware_class, *, nonce: bool, path="/", **response_attrs):
    from django.http import HttpResponse
    from django.test import RequestFactory

    request = RequestFactory().get(path)
    middleware = middleware_class(lambda r: HttpResponse())
    middleware.process_request(request)
    if nonce:
        str(request.csp_nonce)
        request._csp_nonce = "fixed-nonce"
    response = HttpResponse()
    for name, value in response_attrs.items():
        setattr(response, name, value)
    middleware.process_response(request, response)
    return {k: v for k, v in response.items() if k.startswith("Content-Security-Policy")}


CSP_CASES = [
    {},
    {"_csp_update": {"style-src-elem": ["'self'", "'unsafe-inline'"]}},
    {"_csp_update": {"img-src": {"https://a.example", "https://b.example"}}},
    {"_csp_replace": {"img-src": ["https://a.example"]}},
    {"_csp_config": {"default-src": ["'none'"]}},
    {"_csp_exempt": True},
    {"_csp_update_ro": {"img-src": ["https://a.example"]}},
]


@pytest.mark.parametrize("attrs", CSP_CASES)
@pytest.mark.parametrize("nonce", [False, True])
def test_the_kept_policy_is_django_csps_header(attrs, nonce):
    from csp.middleware import CSPMiddleware as LibraryMiddleware

    from intranet.csp import CSPMiddleware

    for _ in range(2):  # built, then kept
        assert _csp_headers(CSPMiddleware, nonce=nonce, **attrs) == _csp_headers(
            LibraryMiddleware, nonce=nonce, **attrs
        )


def test_a_changed_policy_setting_is_used_at_once(settings):
    from intranet.csp import CSPMiddleware

    assert "default-src 'self'" in _csp_headers(CSPMiddleware, nonce=False)["Content-Security-Policy"]
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"default-src": ["'none'"]}}
    assert _csp_headers(CSPMiddleware, nonce=False) == {"Content-Security-Policy": "default-src 'none'"}
    settings.CONTENT_SECURITY_POLICY_REPORT_ONLY = {"DIRECTIVES": {"default-src": ["'self'"]}}
    headers = _csp_headers(CSPMiddleware, nonce=False)
    assert headers["Content-Security-Policy-Report-Only"] == "default-src 'self'"
    del settings.CONTENT_SECURITY_POLICY_REPORT_ONLY
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {"default-src": ["'self'"]},
        "EXCLUDE_URL_PREFIXES": ["/x"],
    }
    assert _csp_headers(CSPMiddleware, nonce=False, path="/x/y") == {}


KEPT = "{% per_language %}{% trans '검색' %}{% endper_language %}"


def test_per_language_reads_the_language_once_a_render_and_refuses_a_language_block():
    from django.template import Context, Engine, Template, TemplateSyntaxError

    with pytest.raises(TemplateSyntaxError):
        Template("{% load i18n ieum_fragments %}{% language 'en' %}" + KEPT + "{% endlanguage %}")
    # A template included inside {% language %} has a render context of its own: its language.
    engine = Engine(
        libraries={"ieum_fragments": "intranet.templatetags.ieum_fragments"},
        builtins=["django.templatetags.i18n"],
        loaders=[
            (
                "django.template.loaders.locmem.Loader",
                {
                    "inner.html": "{% load ieum_fragments %}" + KEPT,
                    "outer.html": "{% load ieum_fragments %}"
                    + KEPT
                    + "|{% language 'en' %}{% include 'inner.html' %}{% endlanguage %}|"
                    + KEPT,
                },
            )
        ],
    )
    with translation.override("ko"):
        assert engine.get_template("outer.html").render(Context()) == "검색|Search|검색"
    with translation.override("en"):
        assert engine.get_template("outer.html").render(Context()) == "Search|Search|Search"


def test_the_unread_sentence_follows_the_count(login_as):
    from intranet.home.services import notification_send

    client = login_as()
    assert "읽지 않은 알림 0건" in client.get("/directory/").content.decode()
    notification_send(recipient=client.staff, key="a", title="하나", email=False)
    page = client.get("/directory/").content.decode()
    assert 'data-testid="unread-count">1<' in page and "읽지 않은 알림 1건" in page
    other = login_as()
    assert "읽지 않은 알림 0건" in other.get("/directory/").content.decode()
