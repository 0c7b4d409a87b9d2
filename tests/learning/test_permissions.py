"""Who gets what on every education URL, for every role (the matrix of tests/permissions.py: one
row per URL, ``"*"`` for visitors not named)."""

import datetime as dt

import pytest

from intranet.roles import Role
from learning import services
from learning.calendar import feed_token
from learning.models import Completion
from tests.factories import StaffFactory
from tests.permissions import ADMIN_DENIED, ANONYMOUS, LOGIN, SUPERUSER, WITHOUT_ADMIN, assert_answer, cases

from .builders import build_course, build_session, learning_admin

ADMIN_ONLY = {ANONYMOUS: LOGIN, Role.LEARNING_ADMIN: 200, SUPERUSER: 200, "*": 403}
ADMIN_POST = {ANONYMOUS: LOGIN, "*": 405}  # POST only; the POST itself: see the test below

MATRIX = {
    "/learning/": {ANONYMOUS: LOGIN, "*": 200},
    "{course_url}": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/catalogue/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/my/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/approvals/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/sessions/{session}/enrol/": {ANONYMOUS: LOGIN, "*": 405},  # POST only
    "/learning/enrolments/{enrolment}/cancel/": {ANONYMOUS: LOGIN, "*": 405},
    "/learning/enrolments/{enrolment}/decide/": {ANONYMOUS: LOGIN, "*": 405},
    "/learning/hours/?year=2025": ADMIN_ONLY,  # and department heads: test_hours_dashboard.py
    "/learning/review/?year=2025": ADMIN_ONLY,
    "/learning/review/export.xlsx?year=2025": ADMIN_ONLY,
    "/learning/review/{course}/": ADMIN_POST,
    "/learning/manage/": ADMIN_ONLY,
    "/learning/manage/sessions/{session}/": ADMIN_ONLY,
    "/learning/manage/sessions/{session}/attendance/": ADMIN_POST,
    "/learning/manage/sessions/{session}/complete/": ADMIN_POST,
    "/learning/manage/sessions/{session}/capacity/": ADMIN_POST,
    "/learning/manage/sessions/{session}/department/": ADMIN_POST,
    "/learning/manage/sessions/{session}/list/": ADMIN_POST,
    "/learning/certificates/{own_certificate}.pdf": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/certificates/{certificate}.pdf": ADMIN_ONLY,
    "/learning/calendar/?month=2025-11": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/calendar/{own_feed}.ics": {"*": 200},  # a secret URL for calendar clients
    "/learning/calendar/{forged_feed}.ics": {"*": 404},
    "/learning/verify/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/verify/{certificate}/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/verify/NONE-NONE-NONE/": {ANONYMOUS: LOGIN, "*": 404},
    "/admin/snippets/learning/session/": {
        ANONYMOUS: LOGIN,
        **WITHOUT_ADMIN,
        Role.LEARNING_ADMIN: 200,
        SUPERUSER: 200,
        "*": ADMIN_DENIED,
    },
}


def completed_for(*people):
    session = build_session(capacity=len(people))
    admin = learning_admin()
    ids = [services.enrolment_create(session_id=session.pk, staff=p).pk for p in people]
    services.attendance_mark(session_id=session.pk, present=ids, absent=[], actor=admin)
    services.session_complete(
        session_id=session.pk, actor=admin, now=session.starts_at + dt.timedelta(hours=1)
    )
    return {c.staff_id: c.code for c in Completion.objects.filter(session=session)}


@pytest.mark.parametrize(("url", "visitor"), cases(MATRIX))
def test_access(client_for, url, visitor):
    client = client_for(visitor)
    other = StaffFactory(name="이영희")
    course = build_course()
    session = build_session(course)
    enrolment = services.enrolment_create(session_id=session.pk, staff=client.staff)
    codes = completed_for(client.staff, other) if "certificate" in url else {}
    path = url.format(
        course_url=course.url,
        course=course.pk,
        session=session.pk,
        enrolment=enrolment.pk,
        own_certificate=codes.get(client.staff.pk, ""),
        certificate=codes.get(other.pk, ""),
        own_feed=feed_token(client.staff.pk),
        forged_feed=f"{other.pk}-{'0' * 32}",
    )

    assert_answer(client.get(path), MATRIX[url], path, visitor)


@pytest.mark.parametrize("visitor", [Role.STAFF, Role.HR_ADMIN, Role.LEADER])
@pytest.mark.parametrize("action", ["attendance", "complete", "capacity", "department", "list"])
def test_admin_posts_are_refused_to_other_roles_and_change_nothing(client_for, visitor, action):
    client = client_for(visitor)
    session = build_session()
    response = client.post(f"/learning/manage/sessions/{session.pk}/{action}/", {"capacity": 99})
    assert response.status_code == 403
    session.refresh_from_db()
    assert session.capacity == 30 and not session.completed_at and not session.enrolments.exists()
