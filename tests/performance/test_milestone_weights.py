"""Milestone weights are the share (%) of the programme each milestone carries, adding up to 100:
refused otherwise (in Korean, nothing written) by the services; kept at 100 by the rollover; the
relative weights of before rescaled by migration 0006 without changing any programme's %.
(The spreadsheet import and the admin form: tests/performance/test_import.py, test_admin.py.)"""

import datetime as dt
import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from hypothesis import given
from hypothesis import strategies as st

from performance import progress
from performance.models import Milestone, Plan
from performance.services import MilestoneInput, PerformanceError, milestone_weights_problem, programme_update

from .builders import build_plan, build_programme


def test_the_tolerance_takes_two_decimal_shares_of_an_uneven_split():
    assert milestone_weights_problem([Decimal("33.33")] * 3) is None  # 99.99
    assert milestone_weights_problem([Decimal("14.29")] * 7) is None  # 100.03
    assert milestone_weights_problem([]) is None  # a KPI-driven programme may have none
    assert "지금 합계: 99.8" in milestone_weights_problem([Decimal("49.9"), Decimal("49.9")])
    assert "지금 합계: 100.2" in milestone_weights_problem([Decimal("50.1"), Decimal("50.1")])


@pytest.mark.django_db
def test_three_thirds_are_accepted():
    programme = build_programme(
        milestones=[MilestoneInput(f"일정 {m}", dt.date(2025, m * 3, 1), "33.33") for m in (1, 2, 3)]
    )
    assert sum(m.weight for m in programme.milestones.all()) == Decimal("99.99")


@pytest.mark.django_db
def test_an_edit_whose_weights_do_not_add_up_changes_nothing():
    programme = build_programme(kpis=())
    before = list(programme.milestones.order_by("pk").values_list("title", "due_date", "weight"))
    first, second, third = programme.milestones.order_by("due_date")
    given = [
        MilestoneInput(first.title, first.due_date, 25, pk=first.pk),
        MilestoneInput("바뀐 일정", second.due_date, 25, pk=second.pk),
        MilestoneInput(third.title, third.due_date, 25, pk=third.pk),
    ]
    with pytest.raises(PerformanceError, match=r"합계가 100이어야 합니다 \(지금 합계: 75\)"):
        programme_update(programme=programme, changes={"title": "바뀐 과제명"}, milestones=given)
    programme.refresh_from_db()
    assert programme.title == "시험 과제"
    assert list(programme.milestones.order_by("pk").values_list("title", "due_date", "weight")) == before
    programme_update(
        programme=programme, milestones=[*given[:2], MilestoneInput(third.title, third.due_date, 50)]
    )
    assert sorted(programme.milestones.values_list("weight", flat=True)) == [25, 25, 50]


# Weights as stored: two decimals, 0.01 to 9,999.99 (the column's range).
two_decimals = st.integers(min_value=1, max_value=999_999).map(lambda cents: Decimal(cents) / 100)


@given(st.lists(two_decimals, min_size=1, max_size=40))
def test_percent_shares_add_up_to_exactly_100_in_the_same_order(weights):
    shares = progress.percent_shares(weights)
    assert sum(shares) == 100
    assert all(share > 0 for share in shares)
    assert all(share == share.quantize(Decimal("0.01")) for share in shares)
    total = sum(weights)
    for weight, share in zip(weights, shares, strict=True):  # rounding moves a share by a little
        assert abs(share - weight * 100 / total) <= Decimal("0.01") * len(weights)


@pytest.mark.django_db
def test_migration_rescales_relative_weights_and_keeps_every_percent():
    """Rows written before the change (relative weights, as the old demo's 1, 3, 3, 2) are
    rescaled per programme; a programme already at 100 is left alone; the %s stay."""
    relative = build_programme(code="OLD")
    milestones = list(relative.milestones.order_by("due_date"))
    for milestone, weight in zip(milestones, (1, 3, 2), strict=True):
        Milestone.objects.filter(pk=milestone.pk).update(weight=weight)
    Milestone.objects.filter(pk=milestones[0].pk).update(done_on=dt.date(2025, 3, 31))
    kept = build_programme(build_plan(), code="NEW")
    as_of = dt.date(2025, 7, 1)
    before = progress.milestone_percent(_facts(relative)), progress.milestone_percent(_facts(kept))
    version = Plan.objects.get(pk=relative.plan_id).rollup_version

    migration = importlib.import_module("performance.migrations.0006_milestone_weights_percent")
    migration.rescale(apps, None)

    assert [m.weight for m in relative.milestones.order_by("due_date")] == [
        Decimal("16.67"),
        Decimal("50.00"),
        Decimal("33.33"),
    ]
    assert sorted(kept.milestones.values_list("weight", flat=True)) == [25, 25, 50]
    after = progress.milestone_percent(_facts(relative)), progress.milestone_percent(_facts(kept))
    assert after == pytest.approx(before, abs=0.01)
    assert progress.expected_percent(year=2025, as_of=as_of, milestones=_facts(relative)) == pytest.approx(
        100 * 4 / 6, abs=0.01
    )
    assert Plan.objects.get(pk=relative.plan_id).rollup_version == version + 1  # cached roll-up dropped


def _facts(programme):
    return [
        progress.MilestoneFacts(due_date=m.due_date, weight=float(m.weight), done_on=m.done_on)
        for m in Milestone.objects.filter(programme=programme)
    ]
