"""Approved external learning is one of the education site's hour sources (learning/hours.py)."""

from decimal import Decimal

import pytest

from learning.hours import hour_sources, hours_by_staff
from tests.factories import StaffFactory

from .builders import approved, conference_input, learning_admin, submitted

pytestmark = pytest.mark.django_db


def test_records_app_registers_its_hour_source():
    assert "external_records" in hour_sources()


def test_approved_external_hours_count_in_the_yearly_total():
    admin = learning_admin()
    kim = StaffFactory()
    approved(kim, conference_input(hours=Decimal("14")), admin)
    submitted(kim, conference_input(hours=Decimal("100")))  # not yet approved: does not count
    assert hours_by_staff(2025).get(kim.pk) == Decimal("14")
