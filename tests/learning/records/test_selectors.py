"""``approved_hours_by_staff``: the hour source of the education hours dashboard."""

import datetime as dt
from decimal import Decimal

import pytest

from learning.records.selectors import approved_hours_by_staff
from learning.records.services import record_return
from tests.factories import StaffFactory

from .builders import approved, certificate_input, conference_input, learning_admin, submitted

pytestmark = pytest.mark.django_db


def test_only_approved_hours_of_that_year_count(django_assert_num_queries):
    admin = learning_admin()
    kim, lee = StaffFactory(), StaffFactory()
    approved(kim, conference_input(hours=Decimal("14")), admin)
    approved(kim, certificate_input(hours=Decimal("10")), admin)
    approved(lee, conference_input(hours=Decimal("6.5")), admin)
    approved(
        lee,
        conference_input(start_date=dt.date(2024, 12, 30), end_date=dt.date(2024, 12, 31)),
        admin,
    )
    submitted(lee, conference_input(hours=Decimal("100")))
    record_return(record=submitted(kim), by=admin, reason="흐림")
    with django_assert_num_queries(1):
        hours = approved_hours_by_staff(2025)
    assert hours == {kim.pk: Decimal("24"), lee.pk: Decimal("6.5")}
    assert approved_hours_by_staff(2024) == {lee.pk: Decimal("14")}
    assert approved_hours_by_staff(2023) == {}
