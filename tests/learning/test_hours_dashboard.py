"""The hours dashboard: learning admins see every department, a department head only theirs (and
those below it: test_hours_tree.py); hours come from every registered source; mandatory courses
not yet done are named."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.directory.models import Staff
from learning.models import Completion
from tests.factories import DepartmentFactory, StaffFactory

from .builders import build_course
from .test_permissions import completed_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup(login_as):
    ours, theirs = DepartmentFactory(name="교육기획팀"), DepartmentFactory(name="정보화팀")
    head = login_as(name="박부장", department=ours)
    ours.head = head.staff
    ours.save(update_fields=["head"])
    done = StaffFactory(name="김수료", department=ours)
    lacking = StaffFactory(name="이미수", department=ours)
    outsider = StaffFactory(name="최타부", department=theirs)
    codes = completed_for(done, outsider)
    year = Completion.objects.first().completed_on.year
    build_course(title="청렴 교육", is_mandatory=True, year=year)
    return {"head": head, "year": year, "codes": codes, "lacking": lacking, "ours": ours}


def test_head_sees_only_their_department_with_hours_and_missing_courses(setup):
    response = setup["head"].get(f"/learning/hours/?year={setup['year']}")
    assert response.status_code == 200
    html = response.content.decode()
    assert "교육기획팀" in html and "정보화팀" not in html and "최타부" not in html
    rows = {r["name"]: r for r in response.context["table"].data}
    assert rows["김수료"]["hours"] == 8 and rows["이미수"]["hours"] == 0
    assert rows["이미수"]["missing"] == "청렴 교육"
    [department] = response.context["departments"]
    assert (department.people, department.total, department.missing) == (3, 8, 3)


def test_admin_sees_all_departments_and_filters_by_one(setup, login_as):
    admin = login_as("learning admin")
    url = f"/learning/hours/?year={setup['year']}"
    names = {d.department.name for d in admin.get(url).context["departments"]}
    assert {"교육기획팀", "정보화팀"} <= names
    response = admin.get(f"{url}&department={setup['ours'].pk}&sort=-hours")
    rows = list(response.context["table"].data)
    assert {r["department"] for r in rows} == {"교육기획팀"}
    ordered = [r.record["name"] for r in response.context["table"].page.object_list]
    assert ordered[0] == "김수료"


def test_staff_who_head_nothing_are_refused(login_as):
    assert login_as().get("/learning/hours/").status_code == 403


def test_same_queries_at_two_sizes(setup, django_assert_num_queries):
    client, url = setup["head"], f"/learning/hours/?year={setup['year']}"
    counts = []
    for size in (10, 300):
        Staff.objects.bulk_create(
            Staff(employee_number=f"B{size}-{i}", name=f"직원{i}", department=setup["ours"])
            for i in range(size)
        )
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            client.get(url)
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 15, counts
    with django_assert_num_queries(counts[1]):
        client.get(url)
