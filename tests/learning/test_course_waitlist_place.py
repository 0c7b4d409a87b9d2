"""The course page's place in the waitlist (``selectors._my_enrolments``): read from one small
query, asked only of a person who waits."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning import services

from .builders import build_session

pytestmark = pytest.mark.django_db


def _place(client, course) -> tuple[str | None, int]:
    client.get(course.url)  # warm the per-process caches
    with CaptureQueriesContext(connection) as queries:
        html = client.get(course.url).content.decode()
    found = re.search(r'data-testid="waitlist-position">(.*?)</span>', html)
    return (found.group(1) if found else None), len(queries)


def test_each_waiting_person_sees_their_own_place(login_as):
    session = build_session(capacity=1)
    first, second, third = login_as(), login_as(), login_as()
    for client in (first, second, third):
        services.enrolment_create(session_id=session.pk, staff=client.staff)
    course = session.course
    place, enrolled_queries = _place(first, course)
    assert place is None
    assert _place(second, course) == ("대기 1번째", enrolled_queries + 1)
    assert _place(third, course) == ("대기 2번째", enrolled_queries + 1)
    services.enrolment_cancel(enrolment_id=second.staff.enrolments.get().pk, actor=second.staff)
    assert _place(third, course)[0] == "대기 1번째"
