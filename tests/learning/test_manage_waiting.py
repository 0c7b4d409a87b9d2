"""The learning admin's session list keeps every past session still waiting for completion,
however old, at any date of the year (issue 14)."""

import datetime as dt
import zoneinfo

import pytest
import time_machine

from tests.learning.builders import build_course, build_session, build_started_session

pytestmark = pytest.mark.django_db
SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")


@pytest.mark.parametrize(
    "today",
    [
        dt.datetime(2026, 1, 5, 10, tzinfo=SEOUL),
        dt.datetime(2026, 7, 1, 10, tzinfo=SEOUL),
        dt.datetime(2026, 12, 30, 10, tzinfo=SEOUL),
    ],
)
def test_old_sessions_waiting_for_completion_stay_on_the_list(login_as, today):
    with time_machine.travel(today, tick=False):
        course = build_course(title="보안 특강")
        forgotten = build_started_session(course, title="지난 차수", started=dt.timedelta(days=200))
        done = build_started_session(course, title="끝난 차수", started=dt.timedelta(days=150))
        done.completed_at = today
        done.save(update_fields=["completed_at"])
        coming = build_session(course, title="다음 차수", starts_in=dt.timedelta(days=20))
        client = login_as("learning admin")
        html = client.get("/learning/manage/").content.decode()

    assert "지난 차수" in html and html.count('data-testid="awaits-completion"') == 1
    assert "끝난 차수" not in html  # completed long ago: off the list as before
    assert "다음 차수" in html
    assert forgotten.pk and coming.pk
