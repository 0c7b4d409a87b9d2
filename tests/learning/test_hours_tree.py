"""Department heads see their department and every department below it, on the hours dashboard
and in the monthly digest; never a department above or beside theirs."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.directory.models import Department, Staff
from intranet.home.models import Notification
from learning import hours
from learning.models import Completion
from tests.factories import DepartmentFactory, StaffFactory

from .builders import build_course
from .test_permissions import completed_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(login_as):
    """본부 (head 한본부) > 교육실 (head 오실장) > 교육기획팀 (head 박팀장), and 정보화팀 beside 본부."""
    upper = DepartmentFactory(name="경영본부")
    middle = DepartmentFactory(name="교육실", parent=upper)
    lower = DepartmentFactory(name="교육기획팀", parent=middle)
    beside = DepartmentFactory(name="정보화팀")
    heads = {}
    for department, name in ((upper, "한본부"), (middle, "오실장"), (lower, "박팀장")):
        heads[department.name] = login_as(name=name, department=department)
        department.head = heads[department.name].staff
        department.save(update_fields=["head"])
    done = StaffFactory(name="김수료", department=lower)
    StaffFactory(name="이미수", department=lower)
    outsider = StaffFactory(name="최타부", department=beside)
    codes = completed_for(done, outsider)
    year = Completion.objects.first().completed_on.year
    build_course(title="청렴 교육", is_mandatory=True, year=year)
    return {"heads": heads, "year": year, "codes": codes, "lower": lower, "upper": upper}


def _grow(below, size: int, prefix: str) -> None:
    """A chain of size // 5 departments below ``below`` with five people each: the tree grows
    deeper as well as wider."""
    parent = below
    for i in range(size // 5):
        parent = DepartmentFactory(name=f"{prefix}{size}-{i}", parent=parent)
        people = (
            Staff(employee_number=f"{prefix}{size}-{i}-{j}", name=f"직원{j}", department=parent)
            for j in range(5)
        )
        Staff.objects.bulk_create(people)


def _dashboard(client, year):
    response = client.get(f"/learning/hours/?year={year}")
    assert response.status_code == 200
    departments = {d.department.name for d in response.context["departments"]}
    people = {r["name"] for r in response.context["table"].data}
    return departments, people


def test_head_of_the_upper_department_sees_every_department_below(tree):
    departments, people = _dashboard(tree["heads"]["경영본부"], tree["year"])
    assert departments == {"경영본부", "교육실", "교육기획팀"}
    assert people == {"한본부", "오실장", "박팀장", "김수료", "이미수"}


def test_head_of_a_middle_department_sees_below_but_not_above(tree):
    departments, people = _dashboard(tree["heads"]["교육실"], tree["year"])
    assert departments == {"교육실", "교육기획팀"}
    assert "한본부" not in people and "김수료" in people


def test_head_of_the_lower_department_does_not_see_the_upper_ones(tree):
    client = tree["heads"]["교육기획팀"]
    departments, people = _dashboard(client, tree["year"])
    assert departments == {"교육기획팀"}
    assert people == {"박팀장", "김수료", "이미수"}
    # asking for a department above by its id shows no one from it
    response = client.get(f"/learning/hours/?year={tree['year']}&department={tree['upper'].pk}")
    assert {r["name"] for r in response.context["table"].data} == set()


def test_an_inactive_department_cuts_its_branch_off(tree):
    Department.objects.filter(name="교육실").update(is_active=False)
    departments, _ = _dashboard(tree["heads"]["경영본부"], tree["year"])
    assert departments == {"경영본부"}


def test_same_queries_at_two_sizes_of_tree_and_staff(tree):
    client, url = tree["heads"]["경영본부"], f"/learning/hours/?year={tree['year']}"
    counts = []
    for size in (5, 120):
        _grow(tree["lower"], size, "T")
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 15, counts
    assert len(response.context["departments"]) == 3 + 1 + 120 // 5


def test_digest_covers_each_heads_subtree(tree):
    today = dt.date(tree["year"], 12, 1)
    assert hours.department_digest_send(today=today) == 3
    digests = Notification.objects.filter(key__startswith="learning.digest.").select_related("recipient")
    bodies = {n.recipient.name: n.body for n in digests}
    assert set(bodies) == {"한본부", "오실장", "박팀장"}
    assert "(5명," in bodies["한본부"] and "하위 부서 2곳" in bodies["한본부"]
    assert "(4명," in bodies["오실장"] and "하위 부서 1곳" in bodies["오실장"]
    assert "(3명," in bodies["박팀장"] and "하위 부서" not in bodies["박팀장"]
    for body in bodies.values():
        assert "교육 시간: 8시간" in body and "이미수" in body and "최타부" not in body
    assert "한본부" not in bodies["박팀장"] and "한본부" in bodies["한본부"]
    # once per department and month
    hours.department_digest_send(today=today)
    assert Notification.objects.filter(key__startswith="learning.digest.").count() == 3


def test_digest_makes_the_same_queries_whatever_the_tree_size(tree):
    counts = []
    for size, day in ((5, 1), (60, 2)):
        _grow(tree["lower"], size, "D")
        with CaptureQueriesContext(connection) as captured:
            sent = hours.department_digest_send(today=dt.date(tree["year"], day, 1))
        assert sent == 3
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
