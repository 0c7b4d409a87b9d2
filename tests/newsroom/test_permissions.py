"""Who gets what on every newsroom URL, for every role (the matrix style of
tests/core/test_permissions.py). Answers: a status code; LOGIN, 302 to the log-in page;
ADMIN_LOGIN, 302 to the admin log-in (no admin access); ADMIN_DENIED, 302 to the admin home
with an error (admin access, but not this screen)."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from intranet.roles import Role
from newsroom.selectors import newsroom_index
from tests.factories import StaffFactory
from tests.newsroom import builders

ANONYMOUS, SUPERUSER = "anonymous", "superuser"
VISITORS = [ANONYMOUS, *(role.value for role in Role), SUPERUSER]
LOGIN, ADMIN_LOGIN, ADMIN_DENIED = "login", "admin login", "admin denied"
WITHOUT_ADMIN = {Role.STAFF: ADMIN_LOGIN, Role.PROGRAMME_OWNER: ADMIN_LOGIN}
EVERYONE = {ANONYMOUS: LOGIN, "*": 200}
EDITORS = {ANONYMOUS: LOGIN, Role.EDITOR: 200, SUPERUSER: 200, "*": 403}

MATRIX = {
    "/newsroom/": EVERYONE,
    "{issue_url}": EVERYONE,
    "{article_url}": EVERYONE,
    "{notice_url}": EVERYONE,
    "/newsroom/card-news/": EVERYONE,
    "/newsroom/card-news/2025/": EVERYONE,
    "/newsroom/card-news/1999/": {ANONYMOUS: LOGIN, "*": 404},
    "/newsroom/card-news/reads/": EDITORS,
    "/newsroom/card-news/reads/{issue}/": EDITORS,
    "/newsroom/notices/{notice}/pending/": EDITORS,
    "/newsroom/notices/{notice}/acknowledge/": {ANONYMOUS: LOGIN, "*": 405},  # POST only
    "/newsroom/subscription/": EVERYONE,
    "/newsroom/feeds/card-news/": EVERYONE,
    "/newsroom/feeds/columns/": EVERYONE,
    "/newsroom/feeds/articles/": EVERYONE,
    "/newsroom/feeds/notices/": EVERYONE,
    "/admin/pages/add/newsroom/cardnewsissuepage/{index}/": {
        ANONYMOUS: LOGIN,
        **WITHOUT_ADMIN,
        Role.EDITOR: 200,
        SUPERUSER: 200,
        "*": ADMIN_DENIED,
    },
    "/admin/pages/{issue}/edit/": {
        ANONYMOUS: LOGIN,
        **WITHOUT_ADMIN,
        Role.EDITOR: 200,
        SUPERUSER: 200,
        "*": ADMIN_DENIED,
    },
}
CASES = [pytest.param(url, visitor, id=f"{url} {visitor}") for url in MATRIX for visitor in VISITORS]


@pytest.fixture
def client_for(login_as):
    def make(visitor: str) -> Client:
        if visitor == ANONYMOUS:
            client = Client()
            client.staff = StaffFactory()
            return client
        client = login_as(*([] if visitor in (Role.STAFF, SUPERUSER) else [visitor]))
        if visitor == SUPERUSER:
            client.staff.user.is_superuser = True
            client.staff.user.save(update_fields=["is_superuser"])
        return client

    return make


@pytest.mark.parametrize(("url", "visitor"), CASES)
def test_access(client_for, url, visitor):
    client = client_for(visitor)
    issue = builders.issue(cards=1, images=[builders.image()])
    article = builders.article(author=StaffFactory())
    notice = builders.notice(mandatory=True)
    path = url.format(
        issue=issue.pk,
        issue_url=issue.url,
        article_url=article.url,
        notice=notice.pk,
        notice_url=notice.url,
        index=newsroom_index().pk,
    )

    response = client.get(path)

    want = MATRIX[url].get(visitor, MATRIX[url]["*"])
    if want == LOGIN:
        assert response.status_code == 302, response
        assert response["Location"].startswith("/accounts/login/?next=")
    elif want == ADMIN_LOGIN:
        assert response.status_code == 302, response
        assert response["Location"].startswith("/admin/login/?next=")
    elif want == ADMIN_DENIED:
        assert response.status_code == 302, (path, visitor, response.status_code)
        assert response["Location"] == "/admin/"
        assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    else:
        assert response.status_code == want, (path, visitor, response.status_code)


@pytest.mark.parametrize("visitor", [ANONYMOUS, Role.STAFF.value, Role.EDITOR.value])
def test_acknowledging_by_post(client_for, visitor):
    client = client_for(visitor)
    notice = builders.notice(mandatory=True)
    response = client.post(f"/newsroom/notices/{notice.pk}/acknowledge/")
    assert response.status_code == 302
    if visitor == ANONYMOUS:
        assert response["Location"].startswith("/accounts/login/?next=")
        assert not notice.acknowledgements.exists()
    else:
        assert response["Location"] == notice.url
        assert notice.acknowledgements.filter(staff=client.staff).exists()
