"""The planners' admin screens: plans, programmes with KPIs and milestones inline, proposals,
contests with criteria and judges inline; bad input refused field by field in Korean."""

import datetime as dt

import pytest
from django.utils import timezone

from performance.models import Contest, Programme
from tests.factories import DepartmentFactory, StaffFactory
from tests.performance.builders import build_plan

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year
ADD = "/admin/snippets/performance/programme/add/"


def inline(prefix, rows):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{name}": value for name, value in row.items()})
    return data


def programme_data(plan, *, milestones, kpis=()):
    department = DepartmentFactory()
    owner = StaffFactory(department=department)
    return {
        "plan": plan.pk,
        "code": "A-01",
        "title": "관리 화면 과제",
        "origin": "ongoing",
        "department": department.pk,
        "owner": owner.pk,
        "weight": "1",
        "progress_mode": "milestones",
        **inline("milestones", milestones),
        **inline("kpis", list(kpis)),
    }


def test_planner_adds_a_programme_with_milestones_and_kpis(login_as):
    plan = build_plan(YEAR)
    client = login_as("planner")
    data = programme_data(
        plan,
        milestones=[{"title": "착수", "due_date": f"{YEAR}-03-31", "weight": "100"}],
        kpis=[{"name": "만족도", "unit": "점", "baseline": "74.7", "target": "85"}],
    )
    response = client.post(ADD, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    programme = Programme.objects.get(code="A-01")
    assert [m.title for m in programme.milestones.all()] == ["착수"]
    assert [(k.name, float(k.target)) for k in programme.kpis.all()] == [("만족도", 85.0)]


@pytest.mark.parametrize(
    ("milestones", "kpis", "message"),
    [
        ([{"title": "착수", "due_date": f"{YEAR + 1}-01-10", "weight": "100"}], [], "년 밖입니다"),
        ([{"title": "착수", "due_date": f"{YEAR}-01-10", "weight": "0"}], [], "0보다 커야 합니다"),
        (
            [{"title": "착수", "due_date": f"{YEAR}-01-10", "weight": "100"}],
            [{"name": "만족도", "unit": "점", "baseline": "80", "target": "80"}],
            "목표값이 기준값",
        ),
        ([], [], "추진 일정이 하나 이상"),
        (
            [
                {"title": "착수", "due_date": f"{YEAR}-01-10", "weight": "30"},
                {"title": "완료", "due_date": f"{YEAR}-11-10", "weight": "30"},
            ],
            [],
            "합계가 100이어야 합니다 (지금 합계: 60)",
        ),
    ],
    ids=["due-outside-year", "zero-weight", "target-equals-baseline", "no-milestones", "weights-not-100"],
)
def test_admin_refuses_bad_programme_input_in_korean(login_as, milestones, kpis, message):
    plan = build_plan(YEAR)
    client = login_as("planner")
    response = client.post(ADD, programme_data(plan, milestones=milestones, kpis=kpis))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Programme.objects.exists()


def test_admin_refuses_changes_to_a_programme_of_a_closed_plan(login_as):
    plan = build_plan(YEAR, is_closed=True)
    client = login_as("planner")
    data = programme_data(plan, milestones=[{"title": "착수", "due_date": f"{YEAR}-03-31", "weight": "100"}])
    response = client.post(ADD, data)
    assert "마감되어 바꿀 수 없습니다" in response.content.decode()
    assert not Programme.objects.exists()


def contest_data(plan, criteria, judges):
    return {
        "plan": plan.pk,
        "title": "공유대회",
        "entries_close_on": f"{YEAR}-11-30",
        **inline("criteria", [{"name": n, "weight": w} for n, w in criteria]),
        **inline("judges", [{"staff": s.pk} for s in judges]),
    }


def test_contest_criteria_weights_must_add_up_to_100_in_the_admin(login_as):
    plan = build_plan(YEAR)
    client = login_as("planner")
    judge = StaffFactory()
    url = "/admin/snippets/performance/contest/add/"
    response = client.post(url, contest_data(plan, [("탁월성", "60"), ("확산성", "30")], [judge]))
    assert "합이 100이어야 합니다 (지금 합계: 90)" in response.content.decode()
    assert not Contest.objects.exists()
    response = client.post(url, contest_data(plan, [("탁월성", "60"), ("확산성", "40")], [judge]))
    assert response.status_code == 302
    contest = Contest.objects.get()
    assert contest.criteria.count() == 2 and contest.judges.get().staff == judge
    assert contest.entries_close_on == dt.date(YEAR, 11, 30)


def test_planner_group_holds_the_admin_model_permissions(db):
    from django.contrib.auth.models import Group

    codenames = set(Group.objects.get(name="planner").permissions.values_list("codename", flat=True))
    assert {"add_programme", "change_programme", "add_milestone", "add_kpi", "change_proposal"} <= codenames
    assert "add_proposal" not in codenames  # proposals come from staff, not the admin
