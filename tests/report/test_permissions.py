"""Who reads the annual report (planners and leaders; the superuser holds every role) and who writes
its narrative in the admin (planners): the matrix of tests/permissions.py."""

import pytest
from django.utils import timezone

from intranet.models import ReportNarrative
from intranet.roles import Role
from tests.permissions import (
    ANONYMOUS,
    LOGIN,
    SUPERUSER,
    admin_visitors,
    assert_answer,
    cases,
    check_routes,
    snippet_routes,
)

READERS = {ANONYMOUS: LOGIN, Role.PLANNER: 200, Role.LEADER: 200, SUPERUSER: 200, "*": 403}
YEAR = timezone.localdate().year

MATRIX = {
    "/performance/report/": {ANONYMOUS: LOGIN, Role.PLANNER: 302, Role.LEADER: 302, SUPERUSER: 302, "*": 403},
    "/performance/report/2025/": READERS,
    "/performance/report/1999/": {**READERS, Role.PLANNER: 404, Role.LEADER: 404, SUPERUSER: 404},
    "/performance/report/2025/report.pdf": READERS,
    "/performance/report/2025/report.docx": READERS,
    "/performance/report/compare/?years=2024,2025": READERS,
}

PLANNERS = (Role.PLANNER, SUPERUSER)
ADMIN_ROUTES = snippet_routes(
    "intranet.reportnarrative",
    any=PLANNERS,
    add=PLANNERS,
    change=PLANNERS,
    delete=PLANNERS,
    choose=PLANNERS,
    create=PLANNERS,
)


@pytest.mark.parametrize(("url", "visitor"), cases(MATRIX))
def test_access(client_for, url, visitor):
    client = client_for(visitor)
    assert_answer(client.get(url), MATRIX[url], url, visitor)


def test_admin_routes(login_as):
    narrative = ReportNarrative.objects.create(year=2025, section="competence", body="본문")
    check_routes(admin_visitors(login_as), ADMIN_ROUTES, {"intranet.reportnarrative": narrative})
