"""What every signed-in page pays for its frame (``base.html``, ``intranet.context_processors``):
the header's language-only markup is rendered once per language and kept, and the unread count
and the role groups come in one query. Nothing about a person is kept between requests."""

import re

import pytest
from django.contrib.auth.models import Group
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from intranet.home.services import notification_mark_read, notification_send
from intranet.roles import Role, has_role

pytestmark = pytest.mark.django_db


def header(response) -> str:
    text = response.content.decode()
    return text[text.index("<header") : text.index("</header>")]


def test_an_empty_frame_page_costs_the_session_the_user_and_one_header_query(
    login_as, django_assert_num_queries
):
    client = login_as()
    notification_send(recipient=client.staff, key="k", title="알림", email=False)
    client.get("/notifications/")  # warm: the routing and directory generations
    # session, user (with the directory record), the header's count and roles; the list: 2
    with django_assert_num_queries(5):
        response = client.get("/notifications/")
    assert 'data-testid="unread-count">1<' in response.content.decode()


def test_the_unread_count_is_read_fresh_on_every_page(login_as):
    client = login_as()
    assert 'data-testid="unread-count">0<' in header(client.get("/directory/"))
    notification_send(recipient=client.staff, key="a", title="하나", email=False)
    notification_send(recipient=client.staff, key="b", title="둘", email=False)
    assert 'data-testid="unread-count">2<' in header(client.get("/directory/"))
    notification_mark_read(staff=client.staff)
    assert 'data-testid="unread-count">0<' in header(client.get("/directory/"))


def test_a_new_role_shows_the_admin_link_on_the_next_page_and_not_to_others(login_as):
    editor, plain = login_as(Role.EDITOR), login_as()
    admin_link = '<a href="/admin/">'
    assert admin_link in header(editor.get("/directory/"))
    assert admin_link not in header(plain.get("/directory/"))  # the same kept menu node
    plain.staff.user.groups.add(Group.objects.get(name=Role.PLANNER))
    assert admin_link in header(plain.get("/directory/"))
    editor.staff.user.groups.clear()
    assert admin_link not in header(editor.get("/directory/"))


def test_the_header_query_gives_has_role_its_groups(login_as, rf):
    from intranet.context_processors import navigation

    client = login_as(Role.HR_ADMIN)
    request = rf.get("/")
    request.user = client.staff.user
    context = navigation(request)
    assert context["can_open_admin"] and context["unread_notifications"] == 0
    assert request.user._ieum_role_names == {"staff", Role.HR_ADMIN.value}
    assert has_role(request.user, Role.HR_ADMIN) and not has_role(request.user, Role.PLANNER)


def test_a_user_without_a_directory_record_or_groups(rf, django_assert_num_queries):
    from intranet.context_processors import navigation
    from tests.factories import UserFactory

    request = rf.get("/")
    request.user = UserFactory()
    with django_assert_num_queries(2):  # the directory record (none), the header's query
        context = navigation(request)
    assert context["me"] is None and context["unread_notifications"] == 0
    assert not context["can_open_admin"] and request.user._ieum_role_names == set()


def test_the_menu_marks_this_page_and_each_language_gets_its_own_header(login_as):
    client = login_as()
    korean = header(client.get("/directory/org/"))
    assert '<a href="/directory/org/" aria-current="page">조직도</a>' in korean
    assert 'href="/directory/" aria-current' not in korean
    assert "aria-current" not in header(client.get("/notifications/"))  # not a menu entry
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get("/directory/org/").content.decode()
    english = header(client.get("/directory/org/"))
    assert '<html lang="en">' in page and "조직도" not in english and "Log out" in english
    assert '<a href="/directory/org/" aria-current="page">Organisation chart</a>' in english
    assert '<option value="en" lang="en" selected>' in english
    client.post(reverse("set_language"), {"language": "ko", "next": "/"})
    again = header(client.get("/directory/org/"))
    mask = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')
    assert mask.sub("", again) == mask.sub("", korean)


def test_per_language_renders_once_per_language_and_key():
    template = Template(
        "{% load i18n ieum_fragments %}{% per_language flag %}{% trans '검색' %}:{{ flag }}:{{ other }}"
        "{% endper_language %}"
    )
    with translation.override("ko"):
        assert template.render(Context({"flag": True, "other": "a"})) == "검색:True:a"
        # Kept: what is not in the key is not read again (hence: language-only markup inside).
        assert template.render(Context({"flag": True, "other": "b"})) == "검색:True:a"
        assert template.render(Context({"flag": False, "other": "c"})) == "검색:False:c"
    with translation.override("en"):
        assert template.render(Context({"flag": True, "other": "d"})) == "Search:True:d"


def test_csrf_tokens_and_the_next_address_are_not_kept(login_as):
    client = login_as()
    first = client.get("/directory/?q=%22x%22").content.decode()
    assert 'name="next" value="/directory/?q=%22x%22"' in first
    assert 'value="&quot;x&quot;"' in first  # the search box shows this request's query, escaped
    second = client.get("/directory/org/").content.decode()
    assert 'name="next" value="/directory/org/"' in second and 'value="&quot;x&quot;"' not in second
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', first + second)
    # One masked token a page (Django's lazy context value), a new one for each page.
    assert len(tokens) == 4 and tokens[0] == tokens[1] and len(set(tokens)) == 2
