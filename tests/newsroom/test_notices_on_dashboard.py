"""A mandatory notice stays on the person's dashboard until they acknowledge it (issue 14)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import DepartmentFactory
from tests.newsroom import builders

pytestmark = pytest.mark.django_db


def test_a_mandatory_notice_stays_until_acknowledged(login_as):
    client = login_as()
    notice = builders.notice(title="보안 서약 안내", mandatory=True)
    builders.notice(title="그냥 공지", mandatory=False)
    elsewhere = builders.notice(title="다른 부서 공지", mandatory=True, departments=[DepartmentFactory()])

    page = client.get("/").content.decode()
    assert 'data-testid="notices-to-acknowledge"' in page
    assert "보안 서약 안내" in page
    assert "그냥 공지" not in page and "다른 부서 공지" not in page

    # Reading the bell's notifications does not make it go away; only acknowledging does.
    client.post("/notifications/read/")
    assert "보안 서약 안내" in client.get("/").content.decode()
    client.post(f"/newsroom/notices/{notice.pk}/acknowledge/")
    page = client.get("/").content.decode()
    assert "보안 서약 안내" not in page
    assert 'data-testid="notices-to-acknowledge"' not in page
    assert elsewhere.pk


def test_the_panel_keeps_its_query_count(login_as):
    client = login_as()
    builders.notice(title="공지 1", mandatory=True)
    client.get("/")
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for n in range(2, 9):
        builders.notice(title=f"공지 {n}", mandatory=True, slug=f"notice-{n}")
    client.get("/")  # the first view after a publish reads the kept notices (newsroom.cache) again
    with CaptureQueriesContext(connection) as many:
        page = client.get("/").content.decode()
    assert page.count('data-testid="notice-to-acknowledge"') == 8
    assert len(many) == len(few) <= 15
