"""The month calendar: sessions of the month in a Sunday-first grid, my own marked, month links,
the iCalendar feed link; a bad month falls back to this month with a Korean message."""

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning import services
from learning.calendar import feed_token
from learning.models import Session

from .builders import build_course, build_session

pytestmark = pytest.mark.django_db


def _at(day: dt.date, hour: int) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=timezone.get_current_timezone())


def _session(course, day, hour=10, title="1차"):
    start = _at(day, hour)
    return build_session(course, starts_in=start - timezone.now(), title=title)


def test_month_grid_marks_my_sessions_and_links_months(login_as):
    client = login_as()
    first = (timezone.localdate() + dt.timedelta(days=40)).replace(day=1)
    course = build_course(title="클라우드 특강")
    mine = _session(course, first.replace(day=3), hour=9)
    other = _session(course, first.replace(day=17), hour=14, title="2차")
    _session(course, first + dt.timedelta(days=40), title="다음 달")  # not this month
    services.enrolment_create(session_id=mine.pk, staff=client.staff)

    response = client.get(f"/learning/calendar/?month={first:%Y-%m}")

    assert response.status_code == 200
    days = {d.date: d for week in response.context["weeks"] for d in week}
    assert [w[0].date.weekday() for w in response.context["weeks"]] == [6] * len(response.context["weeks"])
    assert [(s.pk, s.mine) for s in days[first.replace(day=3)].sessions] == [(mine.pk, True)]
    assert [(s.pk, s.mine) for s in days[first.replace(day=17)].sessions] == [(other.pk, False)]
    html = response.content.decode()
    assert f'href="{course.url}#session-{mine.pk}"' in html
    assert html.count('data-testid="my-session"') == 1
    previous = (first - dt.timedelta(days=1)).replace(day=1)
    assert f'href="?month={previous:%Y-%m}"' in html
    assert feed_token(client.staff.pk) in html


def test_bad_month_shows_this_month_with_a_korean_message(login_as):
    response = login_as().get("/learning/calendar/?month=2025-13")
    assert response.status_code == 200
    assert response.context["month"] == timezone.localdate().replace(day=1)
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "달은 2025-11처럼 연도-월로 적어 주세요. 이번 달을 보여 드립니다."
    ]


def test_same_queries_at_two_sizes(login_as, django_assert_num_queries):
    client = login_as()
    first = (timezone.localdate() + dt.timedelta(days=40)).replace(day=1)
    url = f"/learning/calendar/?month={first:%Y-%m}"
    counts = []
    for size in (3, 60):
        for n in range(size):
            course = build_course(title=f"과정 {size}-{n}")
            session = _session(course, first.replace(day=1 + n % 28))
            if n % 2:
                services.enrolment_create(session_id=session.pk, staff=client.staff)
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts.append(len(captured))
    assert Session.objects.count() == 63
    assert counts[0] == counts[1] <= 15, counts
    with django_assert_num_queries(counts[1]):
        client.get(url)
