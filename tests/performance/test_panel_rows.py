"""The dashboard panel's programme rows (plain columns, not model instances) say what the
programme selector says: the same programmes in the same order, with the same % and status."""

import datetime as dt

import pytest

from performance import selectors
from performance.models import Plan
from performance.panels import programme_rows
from performance.services import MilestoneInput, status_override_set
from tests.factories import StaffFactory
from tests.performance.builders import build_plan, build_programme, kpi, planner

pytestmark = pytest.mark.django_db


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

    expected = selectors.my_programmes(staff=me, today=today)
    rows = programme_rows(staff=me, today=today)

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
        assert programme_rows(staff=me) == []
