"""The dashboard's "my department" panel names the department's path from a map of the
departments kept per directory generation (``selectors.department_path``): no recursive query, and a
rename or a move of any department on the way shows on the next view."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.directory.selectors import department_path
from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db


def shown_path(client) -> str:
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/").content.decode()
    assert not any("RECURSIVE" in q["sql"] for q in captured)
    return re.search(r'<p class="breadcrumb-path">(.*?)</p>', page).group(1)


def test_the_path_follows_renames_and_moves(login_as):
    root = DepartmentFactory(name="본부", code="HQ")
    office = DepartmentFactory(name="기획실", code="PLAN", parent=root)
    team = DepartmentFactory(name="교육운영팀", code="EDU", parent=office)
    client = login_as(department=team)
    StaffFactory(department=team, name="나동료")
    assert shown_path(client) == "본부 › 기획실 › 교육운영팀"
    assert shown_path(client) == "본부 › 기획실 › 교육운영팀"  # kept: the same

    office.name = "전략기획실"
    office.save()
    assert shown_path(client) == "본부 › 전략기획실 › 교육운영팀"

    other = DepartmentFactory(name="경영지원실", code="MGMT", parent=root)
    team.parent = other
    team.save()
    assert shown_path(client) == "본부 › 경영지원실 › 교육운영팀"

    team.parent = None
    team.save()
    assert shown_path(client) == "교육운영팀"


def test_a_cycle_ends_at_the_first_repeat():
    first = DepartmentFactory(name="가팀", code="A")
    second = DepartmentFactory(name="나팀", code="B", parent=first)
    type(first).objects.filter(pk=first.pk).update(parent=second)  # bad data, written around save()
    second.save()  # any department save starts a new generation (its parent is unchanged)
    assert [d.name for d in department_path(second)] == ["가팀", "나팀"]


@pytest.mark.parametrize("number", ["20250001", "A-17", "사번7", "x y", "a+b&c"])
def test_member_links_are_the_profiles_addresses(number):
    from intranet.directory.models import Staff
    from intranet.directory.panels import profile_url_maker

    assert profile_url_maker()(number) == Staff(employee_number=number).get_absolute_url()
