import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from performance.models import KPI, Milestone, Plan, Programme, Status
from performance.selectors import (
    my_proposals,
    person_programmes,
    plan_overview,
    programme_detail,
    proposals_for_review,
)
from performance.services import proposal_submit
from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db


def bulk_plan(count: int, year: int = 2025) -> Plan:
    """``count`` programmes with 10 milestones and a KPI each, written in bulk."""
    plan = Plan.objects.create(year=year, title="계획")
    departments = [DepartmentFactory() for _ in range(4)]
    owners = [StaffFactory(department=d) for d in departments]
    origins = Programme.Origin.values
    Programme.objects.bulk_create(
        Programme(
            plan=plan,
            code=f"P{i:04d}",
            title=f"과제 {i}",
            origin=origins[i % 3],
            department=departments[i % 4],
            owner=owners[i % 4],
        )
        for i in range(count)
    )
    programmes = list(Programme.objects.filter(plan=plan))
    Milestone.objects.bulk_create(
        Milestone(
            programme=p,
            title=f"일정 {m}",
            due_date=dt.date(year, m + 1, 15),
            weight=10,
            done_on=dt.date(year, m + 1, 10) if m < 5 else None,
        )
        for p in programmes
        for m in range(10)
    )
    KPI.objects.bulk_create(
        KPI(programme=p, name="지표", baseline=0, target=10, actual=5) for p in programmes
    )
    return plan


def overview_queries(plan):
    with CaptureQueriesContext(connection) as captured:
        overview = plan_overview(plan=plan, today=dt.date(plan.year, 6, 1))
    return len(captured), overview


def test_overview_query_count_is_the_same_at_40_and_400():
    small_count, small = overview_queries(bulk_plan(40, 2025))
    large_count, large = overview_queries(bulk_plan(400, 2026))
    assert small_count == large_count <= 5
    assert (small.total, large.total) == (40, 400)
    assert sum(c for _v, _l, c in large.by_origin) == 400
    assert round(small.overall_percent) == 50  # 5 of 10 equal milestones done


def test_overview_figures():
    plan = bulk_plan(40)
    overview = plan_overview(plan=plan, today=dt.date(2025, 6, 1))
    assert [c for _v, _l, c in overview.by_origin] == [14, 13, 13, 0]
    assert {v: c for v, _l, c in overview.by_status}[Status.ON_TRACK] == 40
    assert len(overview.by_department) == 4 and all(f.count == 10 for f in overview.by_department)


def test_my_programmes_and_detail():
    bulk_plan(8)
    owner = Programme.objects.get(code="P0000").owner
    co_owned = Programme.objects.get(code="P0001")
    co_owned.co_owners.add(owner)
    mine = person_programmes(staff_id=owner.pk, today=dt.date(2025, 6, 1))
    assert [r.programme.code for r in mine] == ["P0000", "P0001", "P0004"]
    with CaptureQueriesContext(connection) as captured:
        detail = programme_detail(programme_id=co_owned.pk, today=dt.date(2025, 6, 1))
    assert len(detail.programme.milestones.all()) == 10 and detail.co_owners == [owner]
    assert len(captured) <= 6


def test_department_view_and_proposals():
    plan = bulk_plan(40)
    department = Programme.objects.get(code="P0000").department
    overview = plan_overview(plan=plan, department=department, today=dt.date(2025, 6, 1))
    assert overview.total == 10 and {r.programme.department for r in overview.rows} == {department}
    person = StaffFactory()
    proposal_submit(proposer=person, title="제안", body="내용")
    assert [p.title for p in proposals_for_review()] == ["제안"]
    assert [p.title for p in my_proposals(staff=person)] == ["제안"]
