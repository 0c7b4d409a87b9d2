"""The external learning demo: the report's 16 conferences, certificates with a few expiring
within 30 days (so the reminder shows), idempotent."""

import pytest
from django.utils import timezone

from intranet.registry import demo_seeders
from learning.records.models import ExternalRecord
from learning.records.selectors import approved_hours_by_staff
from learning.records.services import expiring_certificates
from tests.factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_seed_is_the_2025_year_and_runs_once():
    StaffFactory(user=UserFactory(username="learning", roles=["learning admin"]), name="이서연")
    StaffFactory(user=UserFactory(username="staff"), name="김민수")
    for _ in range(12):
        StaffFactory()
    seed = demo_seeders["learning_records"].seed
    result = seed()
    assert (result.conferences, result.skipped) == (16, "")
    conferences = ExternalRecord.objects.filter(kind="conference", learned_on__year=2025)
    assert conferences.count() == 16 and not conferences.exclude(status="approved").exists()
    assert {"REAL Summit 2025", "K-AI PaaS Summit 2025"} <= set(conferences.values_list("title", flat=True))
    certificates = ExternalRecord.objects.filter(kind="certificate")
    assert set(certificates.values_list("status", flat=True)) == {"approved", "returned", "submitted"}
    due = expiring_certificates(today=timezone.localdate())
    assert due.count() >= 2 and {r.staff.user.username for r in due} == {"staff"}
    assert sum(approved_hours_by_staff(2025).values()) > 0
    assert all(r.events.exists() for r in ExternalRecord.objects.all())
    assert seed().skipped  # a second run leaves everything as it is
    assert ExternalRecord.objects.count() == 16 + len(certificates)


def test_without_the_directory_demo_it_says_so():
    result = demo_seeders["learning_records"].seed()
    assert "learning" in result.skipped and not ExternalRecord.objects.exists()
