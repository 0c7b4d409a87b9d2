"""Who gets what on every external learning URL, per role (the matrix of
tests/permissions.py). ``{own}``: the visitor's record; ``{other}``: someone else's."""

import pytest

from intranet.roles import Role
from learning.records.models import ExternalRecord
from tests.factories import StaffFactory
from tests.permissions import (
    ADMIN_DENIED,
    ANONYMOUS,
    LOGIN,
    SUPERUSER,
    VISITORS,
    WITHOUT_ADMIN,
    assert_answer,
    cases,
)

from .builders import submitted

ADMINS = {Role.LEARNING_ADMIN: 200, SUPERUSER: 200}
ADMIN_SCREEN = {ANONYMOUS: LOGIN, **WITHOUT_ADMIN, **ADMINS, "*": ADMIN_DENIED}

MATRIX = {
    "/learning/records/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/records/new/conference/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/records/new/certificate/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/records/new/course/": {ANONYMOUS: LOGIN, "*": 404},
    "/learning/records/review/": {ANONYMOUS: LOGIN, **ADMINS, "*": 403},
    # The approved records of a year (the annual report's links): learning admins and the report's
    # readers (planners, leaders).
    "/learning/records/year/?year=2025&kind=conference": {
        ANONYMOUS: LOGIN,
        **ADMINS,
        Role.PLANNER: 200,
        Role.LEADER: 200,
        "*": 403,
    },
    "/learning/records/{own}/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/records/{other}/": {ANONYMOUS: LOGIN, **ADMINS, "*": 404},
    "/learning/records/{own}/edit/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/records/{other}/edit/": {ANONYMOUS: LOGIN, Role.LEARNING_ADMIN: 403, SUPERUSER: 403, "*": 404},
    "/learning/records/{own}/evidence/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/records/{other}/evidence/": {ANONYMOUS: LOGIN, **ADMINS, "*": 404},
    "/learning/records/{other}/review/": {ANONYMOUS: LOGIN, "*": 405},  # POST only
    "/admin/snippets/learning_records/externalrecord/": ADMIN_SCREEN,
    "/admin/snippets/learning_records/externalrecord/inspect/{other}/": ADMIN_SCREEN,
    "/admin/snippets/learning_records/externalrecord/edit/{other}/": {
        ANONYMOUS: LOGIN,
        **WITHOUT_ADMIN,
        "*": ADMIN_DENIED,  # view only, even for superusers: reviews go through the services
    },
    "/admin/snippets/learning_records/externalrecord/add/": {
        ANONYMOUS: LOGIN,
        **WITHOUT_ADMIN,
        "*": ADMIN_DENIED,
    },
}


@pytest.mark.parametrize(("url", "visitor"), cases(MATRIX))
def test_access(client_for, url, visitor):
    client = client_for(visitor)
    own = submitted(client.staff)
    other = submitted(StaffFactory(name="이영희"))
    path = url.format(own=own.pk, other=other.pk)
    assert_answer(client.get(path), MATRIX[url], path, visitor)


@pytest.mark.parametrize("visitor", [v for v in VISITORS if v != ANONYMOUS])
def test_review_post_per_role(client_for, visitor):
    """Only learning admins (and superusers) can approve; nobody else changes anything."""
    client = client_for(visitor)
    record = submitted(StaffFactory(name="이영희"))
    response = client.post(f"/learning/records/{record.pk}/review/", {"decision": "approve"})
    record.refresh_from_db()
    if visitor in (Role.LEARNING_ADMIN, SUPERUSER):
        assert response.status_code == 302 and record.status == ExternalRecord.Status.APPROVED
    else:
        assert response.status_code == 404 and record.status == ExternalRecord.Status.SUBMITTED
