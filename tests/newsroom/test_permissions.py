"""Who gets what on every newsroom URL, for every role (the matrix of tests/permissions.py)."""

import pytest

from intranet.feedkeys import feed_key
from intranet.roles import Role
from newsroom.selectors import newsroom_index
from tests.factories import StaffFactory
from tests.newsroom import builders
from tests.permissions import ADMIN_DENIED, ANONYMOUS, LOGIN, SUPERUSER, WITHOUT_ADMIN, assert_answer, cases

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
    # A feed reader cannot log in: the visitor's own feed key is the credential, for anyone.
    "/newsroom/feeds/notices/{own_key}/": {"*": 200},
    "/newsroom/feeds/card-news/not-a-key/": {"*": 404},
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


@pytest.mark.parametrize(("url", "visitor"), cases(MATRIX))
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
        own_key=feed_key(client.staff.pk),
    )

    assert_answer(client.get(path), MATRIX[url], path, visitor)


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
