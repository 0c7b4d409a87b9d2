"""The demo 2025 plan: the report's 40 programmes (18 / 7 / 15), a year of updates, a frozen
mid-year snapshot, the same every time and only once."""

import datetime as dt
from collections import Counter

import pytest

from intranet.registry import demo_seeders
from performance.models import (
    KPI,
    Milestone,
    Programme,
    ProgressUpdate,
    Proposal,
    Snapshot,
    SnapshotRow,
    Status,
)
from performance.selectors import plan_overview

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    demo_seeders["directory"].seed(scale=1)
    return demo_seeders["performance"].seed(scale=1)


def test_forty_programmes_by_origin(seeded):
    assert seeded.programmes_created == 40
    origins = Counter(Programme.objects.filter(plan__year=2025).values_list("origin", flat=True))
    assert origins == {"feedback": 18, "proposal": 7, "ongoing": 15}
    assert Programme.objects.filter(origin="proposal", proposal__status=Proposal.State.ACCEPTED).count() == 7


def test_report_figures_and_demo_owner(seeded):
    satisfaction = KPI.objects.get(name="이용자 만족도")
    assert (float(satisfaction.baseline), float(satisfaction.actual)) == (74.7, 87.8)
    false_alarms = KPI.objects.get(name="장애 알림 오탐률")
    assert (float(false_alarms.baseline), float(false_alarms.target)) == (54, 1)
    assert Programme.objects.filter(owner__user__username="owner").count() >= 2


def test_mid_year_snapshot_and_history(seeded):
    snapshot = Snapshot.objects.get()
    assert snapshot.cut_off == dt.date(2025, 6, 30)
    rows = SnapshotRow.objects.filter(snapshot=snapshot)
    assert rows.count() == 40
    assert rows.filter(status=Status.DELAYED).exists()  # the second milestones finished in July
    assert ProgressUpdate.objects.filter(created_at__date__gt=dt.date(2025, 6, 30)).exists()
    overview = plan_overview(plan=snapshot.plan, today=dt.date(2025, 12, 31))
    statuses = {v: c for v, _l, c in overview.by_status}
    assert statuses[Status.DONE] > 20 and statuses[Status.DELAYED] > 0


def test_idempotent(seeded):
    counts = (Programme.objects.count(), ProgressUpdate.objects.count(), Proposal.objects.count())
    again = demo_seeders["performance"].seed(scale=1)
    assert again.programmes_created == 0 and again.skipped
    assert (Programme.objects.count(), ProgressUpdate.objects.count(), Proposal.objects.count()) == counts


def test_deterministic(seeded):
    first = list(Programme.objects.order_by("code").values_list("code", "owner__employee_number", "weight"))
    assert first[0][0] == "2025-C01" and len(first) == 40


def test_milestone_weights_add_up_to_100_in_every_programme(seeded):
    from django.db.models import Sum

    totals = Milestone.objects.order_by().values("programme").annotate(total=Sum("weight"))
    totals = [row["total"] for row in totals]
    assert len(totals) == 40 and set(totals) == {100}


def test_contest_awards(seeded):
    awarded = dict(Programme.objects.exclude(award_tier="").values_list("code", "award_tier"))
    assert awarded == {"2025-N01": "grand", "2025-F03": "gold", "2025-F02": "silver", "2025-F04": "bronze"}
