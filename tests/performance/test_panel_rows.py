"""The one reader of a person's programmes (the dashboard's panel and the profile's section:
plain columns, states from the plan's roll-up) says what the model instances say: the same
programmes in the same order, with the same % and status."""

import datetime as dt

import pytest
from django.db.models import Q

from performance import progress, selectors
from performance.models import Plan, Programme
from performance.selectors import person_programmes
from performance.services import MilestoneInput, status_override_set
from tests.factories import StaffFactory
from tests.performance.builders import build_plan, build_programme, kpi, planner

pytestmark = pytest.mark.django_db


def reference(staff, today):
    """The person's programmes in the open plans as model instances, each state computed alone."""
    programmes = selectors.programmes_with_progress(
        Programme.objects.filter(Q(owner=staff) | Q(co_owners=staff), plan__is_closed=False).distinct()
    ).order_by("-plan__year", "code")
    return [
        selectors.ProgrammeRow(p, progress.state_of(p, as_of=selectors.plan_as_of(p.plan, today)))
        for p in programmes
    ]


@pytest.mark.parametrize("today", [dt.date(2025, 1, 15), dt.date(2025, 7, 1), dt.date(2025, 12, 20)])
def test_panel_rows_match_the_selector(today):
    me = StaffFactory()
    plan, old_plan = build_plan(2025), build_plan(2024)
    closed = build_plan(2023)
    Plan.objects.filter(pk=closed.pk).update(is_closed=True)
    build_programme(plan, code="P-02", owner=me).co_owners.set([StaffFactory(), StaffFactory()])  # once each
    measured = build_programme(
        plan,
        code="P-01",
        owner=me,
        mode="kpi",
        kpis=[kpi(actual=80), kpi(name="처리 기간", baseline=10, target=5, actual=7)],
    )
    co_owned = build_programme(
        plan,
        code="P-03",
        milestones=[MilestoneInput("착수", dt.date(2025, 2, 1), 100)],
    )
    co_owned.co_owners.set([me])
    status_override_set(programme=co_owned, by=planner(), status="at_risk", reason="예산 조정")
    build_programme(old_plan, code="P-09", owner=me).co_owners.set([me])  # owner and co-owner: once
    build_programme(closed, code="P-05", owner=me)  # a closed plan is not shown
    build_programme(plan, code="P-04")  # someone else's

    expected = reference(me, today)
    rows = person_programmes(staff_id=me.pk, today=today)

    assert [r.programme.code for r in rows] == ["P-01", "P-02", "P-03", "P-09"]
    assert [r.programme.code for r in rows] == [r.programme.code for r in expected]
    for row, want in zip(rows, expected, strict=True):
        assert (row.programme.pk, row.programme.title, row.programme.owner_id, row.programme.award_tier) == (
            want.programme.pk,
            want.programme.title,
            want.programme.owner_id,
            want.programme.award_tier,
        )
        assert row.state == want.state
        assert (row.percent, row.status) == (want.percent, want.status)
    assert rows[2].state.is_overridden
    assert measured.pk == rows[0].programme.pk


def test_no_programmes_no_second_query(django_assert_num_queries):
    me = StaffFactory()
    with django_assert_num_queries(1):
        assert person_programmes(staff_id=me.pk) == []
