"""The per-role URL matrix that every permission test runs (DESIGN.md: permissions are tested per
role for every URL). Registered as a pytest plugin in tests/conftest.py for the ``client_for``
fixture; a module imports the vocabulary and the checks from here.

A matrix is data: one row per URL, the expected answer for each kind of visitor. ``"*"`` is any
visitor not named in the row. Answers: a status code; ``LOGIN``, 302 to the site's log-in page;
and Wagtail's two ways of saying no inside ``/admin/``: ``ADMIN_LOGIN``, 302 to the admin log-in
(signed in, but no admin access), and ``ADMIN_DENIED``, 302 to the admin home with an error
message (admin access, but not this screen; Wagtail turns PermissionDenied into that).
"""

import pytest
from django.contrib.messages import get_messages
from django.test import Client

from intranet.roles import Role
from tests.factories import StaffFactory

ANONYMOUS, SUPERUSER = "anonymous", "superuser"
VISITORS = [ANONYMOUS, *(role.value for role in Role), SUPERUSER]
LOGIN, ADMIN_LOGIN, ADMIN_DENIED = "login", "admin login", "admin denied"

# Roles whose group carries wagtailadmin.access_admin (intranet/migrations/0001_roles.py).
WITHOUT_ADMIN = {Role.STAFF: ADMIN_LOGIN, Role.PROGRAMME_OWNER: ADMIN_LOGIN}


def cases(matrix: dict) -> list:
    """One test case per URL of ``matrix`` and kind of visitor."""
    return [pytest.param(url, visitor, id=f"{url} {visitor}") for url in matrix for visitor in VISITORS]


def visitor_client(login_as, visitor: str, **staff_fields) -> Client:
    """A client for one kind of visitor, with its staff record as ``client.staff`` (an anonymous
    visitor has one too, not logged in, so that rows can name "the visitor's own" things)."""
    if visitor == ANONYMOUS:
        client = Client()
        client.staff = StaffFactory(**staff_fields)
        return client
    client = login_as(*([] if visitor in (Role.STAFF, SUPERUSER) else [visitor]), **staff_fields)
    if visitor == SUPERUSER:
        client.staff.user.is_superuser = True
        client.staff.user.save(update_fields=["is_superuser"])
    return client


@pytest.fixture
def client_for(login_as):
    """``client_for(visitor)``: ``visitor_client`` for a visitor named 김민수."""

    def make(visitor: str) -> Client:
        return visitor_client(login_as, visitor, name="김민수")

    return make


def assert_answer(response, row: dict, path: str, visitor: str) -> None:
    """The response is the answer a matrix row gives ``visitor`` (``"*"``: any visitor not named)."""
    want = row.get(visitor, row["*"])
    if want == LOGIN:
        assert response.status_code == 302, (path, visitor, response.status_code)
        assert response["Location"].startswith("/accounts/login/?next="), (path, visitor)
    elif want == ADMIN_LOGIN:
        assert response.status_code == 302, (path, visitor, response.status_code)
        assert response["Location"].startswith("/admin/login/?next="), (path, visitor)
    elif want == ADMIN_DENIED:
        assert (response.status_code, response["Location"]) == (302, "/admin/"), (path, visitor)
        assert [m.level_tag for m in get_messages(response.wsgi_request)] == ["error"], (path, visitor)
    else:
        assert response.status_code == want, (path, visitor, response.status_code)
