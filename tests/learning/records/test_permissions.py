"""Who gets what on every external learning URL, per role (the matrix style of
tests/core/test_permissions.py). ``{own}``: the visitor's record; ``{other}``: someone else's."""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from intranet.roles import Role
from learning.records.models import ExternalRecord
from tests.factories import StaffFactory

from .builders import submitted

ANONYMOUS, SUPERUSER = "anonymous", "superuser"
VISITORS = [ANONYMOUS, *(role.value for role in Role), SUPERUSER]
LOGIN, ADMIN_LOGIN, ADMIN_DENIED = "login", "admin login", "admin denied"
WITHOUT_ADMIN = {Role.STAFF: ADMIN_LOGIN, Role.PROGRAMME_OWNER: ADMIN_LOGIN}
ADMINS = {Role.LEARNING_ADMIN: 200, SUPERUSER: 200}
ADMIN_SCREEN = {ANONYMOUS: LOGIN, **WITHOUT_ADMIN, **ADMINS, "*": ADMIN_DENIED}

MATRIX = {
    "/learning/records/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/records/new/conference/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/records/new/certificate/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/records/new/course/": {ANONYMOUS: LOGIN, "*": 404},
    "/learning/records/review/": {ANONYMOUS: LOGIN, **ADMINS, "*": 403},
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
CASES = [pytest.param(url, visitor, id=f"{url} {visitor}") for url in MATRIX for visitor in VISITORS]


@pytest.fixture
def client_for(login_as):
    def make(visitor: str) -> Client:
        if visitor == ANONYMOUS:
            client = Client()
            client.staff = StaffFactory(name="김민수")
            return client
        client = login_as(*([] if visitor in (Role.STAFF, SUPERUSER) else [visitor]), name="김민수")
        if visitor == SUPERUSER:
            client.staff.user.is_superuser = True
            client.staff.user.save(update_fields=["is_superuser"])
        return client

    return make


def check(response, want, path, visitor):
    if want == LOGIN:
        assert response.status_code == 302, (path, visitor)
        assert response["Location"].startswith("/accounts/login/?next=")
    elif want == ADMIN_LOGIN:
        assert response.status_code == 302, (path, visitor)
        assert response["Location"].startswith("/admin/login/?next=")
    elif want == ADMIN_DENIED:
        assert (response.status_code, response["Location"]) == (302, "/admin/"), (path, visitor)
        assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"]
    else:
        assert response.status_code == want, (path, visitor, response.status_code)


@pytest.mark.parametrize(("url", "visitor"), CASES)
def test_access(client_for, url, visitor):
    client = client_for(visitor)
    own = submitted(client.staff)
    other = submitted(StaffFactory(name="이영희"))
    path = url.format(own=own.pk, other=other.pk)
    check(client.get(path), MATRIX[url].get(visitor, MATRIX[url]["*"]), path, visitor)


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
