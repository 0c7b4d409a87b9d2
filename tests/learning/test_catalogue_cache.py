"""The catalogue keeps its rendered filter and table per generation, moment, language and query:
every write that changes what it shows (a course, a session, an enrolment, a capacity change, an
unpublished page) is seen on the next view, so is the clock passing a session's start or its
enrolment closing, and the reader's own part of the page (the admin links) is never kept."""

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learning import services
from learning.cache import catalogue_moment, course_sessions
from tests.factories import StaffFactory

from .builders import build_course, build_session, learning_admin

pytestmark = pytest.mark.django_db
URL = "/learning/catalogue/"


def page(client, url=URL):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def fragment(html: str) -> str:
    return html.split('data-testid="catalogue-filter"', 1)[1].split("</table>", 1)[0]


def seats(html: str) -> list[str]:
    marker = 'data-testid="seats-left">'
    return [part.split("<", 1)[0] for part in html.split(marker)[1:]]


def test_the_second_view_reads_the_kept_fragment(login_as):
    build_session(build_course(title="파이썬 데이터 분석"))
    client = login_as()
    first = page(client)
    with CaptureQueriesContext(connection) as queries:
        second = page(client)
    assert fragment(second) == fragment(first) and "파이썬 데이터 분석" in fragment(first)
    assert not any('"learning_coursepage"' in q["sql"] for q in queries.captured_queries)


def test_a_new_course_session_and_enrolment_show_on_the_next_view(login_as):
    client = login_as()
    course = build_course(title="파이썬 데이터 분석")
    assert "파이썬 데이터 분석" in page(client) and seats(page(client)) == ["0"]
    session = build_session(course, capacity=3)
    assert seats(page(client)) == ["3"]
    services.enrolment_create(session_id=session.pk, staff=StaffFactory())
    assert seats(page(client)) == ["2"]
    build_course(title="AI 전문가 특강")
    assert "AI 전문가 특강" in page(client)


def test_a_cancelled_enrolment_and_a_capacity_change_show_on_the_next_view(login_as):
    client = login_as()
    session = build_session(capacity=3)
    mine = services.enrolment_create(session_id=session.pk, staff=StaffFactory())
    assert seats(page(client)) == ["2"]
    services.enrolment_cancel(enrolment_id=mine.pk, actor=mine.staff)
    assert seats(page(client)) == ["3"]
    services.session_capacity_change(session_id=session.pk, capacity=7, actor=learning_admin())
    assert seats(page(client)) == ["7"]


def test_an_unpublished_or_renamed_course_shows_on_the_next_view(login_as):
    client = login_as()
    course = build_course(title="파이썬 데이터 분석")
    build_session(course)
    assert "파이썬 데이터 분석" in page(client)
    course.title = "파이썬 심화"
    course.save_revision().publish()
    html = page(client)
    assert "파이썬 심화" in html and "파이썬 데이터 분석" not in html
    course.unpublish()
    assert "파이썬 심화" not in page(client)


def test_each_query_string_and_language_is_kept_apart(login_as):
    client = login_as()
    build_session(build_course(title="파이썬 데이터 분석", is_mandatory=True))
    build_session(build_course(title="AI 전문가 특강"))
    assert "AI 전문가 특강" in page(client)
    mandatory = page(client, URL + "?mandatory=on")
    assert "파이썬 데이터 분석" in mandatory and "AI 전문가 특강" not in mandatory
    assert "AI 전문가 특강" in page(client)
    client.cookies["django_language"] = "en"
    english = page(client)
    assert 'lang="en"' in english and "AI 전문가 특강" in english


def test_a_session_that_starts_or_closes_leaves_the_row_when_it_does(login_as):
    client = login_as()
    now = timezone.now()
    course = build_course(title="파이썬 데이터 분석")
    build_session(
        course, capacity=4, starts_in=dt.timedelta(hours=3), enrol_closes_at=now + dt.timedelta(hours=1)
    )
    assert seats(page(client)) == ["4"]
    assert "파이썬 데이터 분석" in page(client, URL + "?seats=on")
    with time_machine.travel(now + dt.timedelta(hours=2), tick=False):
        # The enrolment has closed: no free seat to offer, the session is still ahead.
        assert "파이썬 데이터 분석" not in page(client, URL + "?seats=on")
        assert seats(page(client)) == ["4"]
    with time_machine.travel(now + dt.timedelta(hours=4), tick=False):
        assert seats(page(client)) == ["0"]  # no upcoming session any more


def test_the_moment_moves_only_when_an_instant_passes():
    now = timezone.now()
    build_session(starts_in=dt.timedelta(hours=3), enrol_closes_at=now + dt.timedelta(hours=1))
    first = catalogue_moment(now)
    assert catalogue_moment(now + dt.timedelta(minutes=30)) == first
    after_closing = catalogue_moment(now + dt.timedelta(hours=1, seconds=1))
    assert after_closing != first
    assert catalogue_moment(now + dt.timedelta(hours=2)) == after_closing
    assert catalogue_moment(now + dt.timedelta(hours=3, seconds=1)) != after_closing


def test_the_admin_links_are_not_kept_for_the_next_reader(login_as):
    build_session(build_course(title="파이썬 데이터 분석"))
    admin = login_as("learning admin")
    assert 'data-testid="learning-manage-link"' in page(admin)
    staff = login_as()
    html = page(staff)
    assert "파이썬 데이터 분석" in html and 'data-testid="learning-manage-link"' not in html
    assert 'data-testid="learning-manage-link"' in page(admin)


def course_seats(html: str) -> list[str]:
    marker = 'data-testid="seats">'
    return [part.split("</dd>", 1)[0] for part in html.split(marker)[1:]]


def test_the_course_page_shows_a_new_session_and_enrolment_on_the_next_view(login_as):
    course = build_course(title="파이썬 데이터 분석")
    build_session(course, capacity=3)
    client = login_as()
    assert course_seats(page(client, course.url)) == ["3명 중 0명 신청 (남은 자리 3)"]
    services.enrolment_create(
        session_id=build_session(course, capacity=2, title="2차").pk, staff=StaffFactory()
    )
    html = page(client, course.url)
    assert course_seats(html) == ["3명 중 0명 신청 (남은 자리 3)", "2명 중 1명 신청 (남은 자리 1)"]


def test_my_enrolment_on_the_course_page_never_reaches_another_reader(login_as):
    course = build_course(title="파이썬 데이터 분석")
    session = build_session(course, capacity=1)
    mine, theirs = login_as(), login_as()
    assert 'data-testid="enrol-button"' in page(mine, course.url)
    mine.post(f"/learning/sessions/{session.pk}/enrol/")
    html = page(mine, course.url)
    assert 'data-testid="my-state"' in html and 'data-testid="cancel-button"' in html
    html = page(theirs, course.url)
    assert 'data-testid="my-state"' not in html and 'data-testid="cancel-button"' not in html
    assert "1명 중 1명 신청 (남은 자리 0)" in html and "대기 신청하기" in html


def test_a_completed_session_is_not_kept_as_it_was(login_as):
    from .builders import build_started_session

    course = build_course(title="파이썬 데이터 분석")
    session = build_started_session(course, capacity=2)
    client = login_as()
    page(client, course.url)
    (kept,) = course_sessions(course.pk)
    assert kept.completed_at is None
    services.session_complete(session_id=session.pk, actor=learning_admin(), now=session.ends_at)
    (kept,) = course_sessions(course.pk)
    assert kept.completed_at is not None
