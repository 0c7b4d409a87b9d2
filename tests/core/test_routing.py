"""``intranet.routing.serve``: Wagtail pages served from the routes kept per generation, and every
write that changes a route, a site or a view restriction seen on the next request."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from intranet.home.models import ContentPage, HomePage

pytestmark = pytest.mark.django_db


def _page(parent, slug, title=None):
    page = parent.add_child(instance=ContentPage(title=title or slug, slug=slug, body=f"<p>{slug} 본문</p>"))
    page.save_revision().publish()
    return ContentPage.objects.get(pk=page.pk)


@pytest.fixture
def tree():
    home = HomePage.objects.get()
    guide = _page(home, "guide", "안내")
    leave = _page(guide, "leave", "휴가 안내")
    return {"home": home, "guide": guide, "leave": leave}


def _sql(client, url):
    client.get(url)  # warm: the route, the site and the restricted paths are read once
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    return response, [q["sql"] for q in captured]


def test_a_page_two_levels_down_is_served_without_a_page_query(login_as, tree):
    client = login_as()
    response, sql = _sql(client, "/guide/leave/")
    assert response.status_code == 200 and "leave 본문" in response.content.decode()
    page_queries = [q for q in sql if 'FROM "wagtailcore_page"' in q or 'FROM "home_contentpage"' in q]
    assert not page_queries, page_queries
    assert not [q for q in sql if "wagtailcore_site" in q or "wagtailcore_pageviewrestriction" in q]


def test_a_published_change_is_served_at_once(login_as, tree):
    client = login_as()
    assert "leave 본문" in client.get("/guide/leave/").content.decode()
    leave = ContentPage.objects.get(pk=tree["leave"].pk)
    leave.body = "<p>새 휴가 규정</p>"
    leave.save_revision().publish()
    page = client.get("/guide/leave/").content.decode()
    assert "새 휴가 규정" in page and "leave 본문" not in page
    draft = ContentPage.objects.get(pk=tree["leave"].pk)
    draft.body = "<p>아직 초안</p>"
    draft.save_revision()  # a draft is not what readers see
    assert "아직 초안" not in client.get("/guide/leave/").content.decode()


def test_each_request_gets_its_own_page(login_as, tree, django_assert_num_queries):
    """The kept page is copied for each request: what one request sets on its page is not seen by
    the next."""
    from django.test import RequestFactory

    from intranet.routing import _page_for_path, site_for_request

    request = RequestFactory().get("/guide/leave/")
    site = site_for_request(request)
    first = _page_for_path(request, site, "/guide/leave/")
    first.title = "바뀐 제목"
    second = _page_for_path(RequestFactory().get("/guide/leave/"), site, "/guide/leave/")
    assert second is not first and second.title == "휴가 안내"
    # As after Wagtail's own route, the parent walked through comes with the page.
    with django_assert_num_queries(0):
        assert second.get_parent().title == "안내"


def test_a_new_slug_moves_the_page_at_once(login_as, tree):
    client = login_as()
    assert client.get("/guide/leave/").status_code == 200
    leave = tree["leave"]
    leave.slug = "holidays"
    leave.save_revision().publish()
    assert client.get("/guide/leave/").status_code == 404
    assert "leave 본문" in client.get("/guide/holidays/").content.decode()


def test_an_unpublished_or_deleted_page_is_gone_at_once(login_as, tree):
    client = login_as()
    assert client.get("/guide/leave/").status_code == 200
    tree["leave"].unpublish()
    assert client.get("/guide/leave/").status_code == 404
    assert client.get("/guide/").status_code == 200
    Page.objects.get(pk=tree["guide"].pk).delete()
    assert client.get("/guide/").status_code == 404


def test_a_moved_page_is_served_at_its_new_place(login_as, tree):
    client = login_as()
    other = _page(tree["home"], "other")
    assert client.get("/guide/leave/").status_code == 200
    Page.objects.get(pk=tree["leave"].pk).move(other, pos="last-child")
    old = client.get("/guide/leave/")  # Wagtail's redirects app may answer with the new address
    assert old.status_code != 200 and "leave 본문" not in old.content.decode()
    assert "leave 본문" in client.get("/other/leave/").content.decode()


def test_a_new_page_at_a_path_that_led_nowhere(login_as, tree):
    client = login_as()
    assert client.get("/guide/sick/").status_code == 404
    _page(tree["guide"], "sick")
    assert client.get("/guide/sick/").status_code == 200


def test_a_view_restriction_above_a_page_is_checked_from_the_next_request(login_as, tree):
    """A group restriction on the parent: refused to a person outside the group as soon as it is
    saved (the route was already kept), served to a member, and open again once deleted."""
    outsider, member = login_as(), login_as()
    group = Group.objects.create(name="인사팀 열람")
    member.staff.user.groups.add(group)
    assert outsider.get("/guide/leave/").status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=tree["guide"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    refused = outsider.get("/guide/leave/")
    assert refused.status_code != 200 and "leave 본문" not in refused.content.decode()
    assert "leave 본문" in member.get("/guide/leave/").content.decode()
    restriction.delete()
    assert outsider.get("/guide/leave/").status_code == 200


def test_an_alias_takes_its_sources_restriction(login_as, tree):
    """An alias page has no restriction of its own: Wagtail's check takes its source page's, and
    the kept paths send every alias to that check."""
    client = login_as()
    alias = tree["leave"].create_alias(parent=tree["home"], update_slug="leave-alias")
    assert client.get("/leave-alias/").status_code == 200
    restriction = PageViewRestriction.objects.create(
        page=tree["leave"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="아무도 없음"))
    assert alias.alias_of_id == tree["leave"].pk
    assert client.get("/leave-alias/").status_code != 200


def test_a_site_with_another_root_is_seen_at_once(login_as, tree):
    client = login_as()
    assert client.get("/leave/").status_code == 404
    site = Site.objects.get(is_default_site=True)
    site.root_page = tree["guide"]
    site.save()
    assert "leave 본문" in client.get("/leave/").content.decode()


def test_an_address_of_any_length_keeps_a_short_route_key(login_as, tree, recwarn):
    """The route's cache key is a digest: a 2,000-character address is a 404 like any unknown
    one, with no over-long cache key (Django's CacheKeyWarning) and no 5xx."""
    from django.core.cache.backends.base import CacheKeyWarning

    client = login_as()
    long_path = "/guide/" + "가" * 2000 + "/"
    assert client.get(long_path).status_code == 404
    assert client.get("/guide/leave/").status_code == 200
    assert not [w for w in recwarn if issubclass(w.category, CacheKeyWarning)]
