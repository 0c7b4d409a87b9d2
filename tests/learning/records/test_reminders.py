"""Certificate expiry reminders: 30 days before, once per certificate per expiry date."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone

from intranet.home.models import Notification
from learning.records.models import ExternalRecord
from learning.records.services import certificate_expiry_remind, certificate_expiry_reminders_queue
from learning.records.tasks import certificate_expiry_reminders_dispatch
from tests.factories import StaffFactory

from .builders import approved, certificate_input, conference_input, submitted

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 11, 1)


def cert(expires_on, **kwargs):
    return approved(
        StaffFactory(email="kim@agency.example"),
        certificate_input(acquired_on=dt.date(2022, 11, 1), expires_on=expires_on),
        **kwargs,
    )


def test_reminder_is_sent_once_30_days_before(django_capture_on_commit_callbacks):
    record = cert(dt.date(2025, 12, 1))  # 30 days after TODAY
    Notification.objects.all().delete()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert certificate_expiry_remind(record_id=record.pk, today=TODAY) is True
    with django_capture_on_commit_callbacks(execute=True):
        assert certificate_expiry_remind(record_id=record.pk, today=TODAY) is False
        assert certificate_expiry_remind(record_id=record.pk, today=TODAY + dt.timedelta(days=1)) is False
    note = Notification.objects.get(recipient=record.staff)
    assert "30일 뒤 만료" in note.title and "2025. 12. 1." in note.body
    assert [m.to for m in mail.outbox] == [["kim@agency.example"]]


def test_not_yet_expired_already_or_no_expiry_get_nothing():
    early = cert(dt.date(2025, 12, 2))  # 31 days away
    past = cert(dt.date(2025, 10, 31))
    never = approved(data=certificate_input())
    conference = approved(data=conference_input())
    for record in (early, past, never, conference):
        assert certificate_expiry_remind(record_id=record.pk, today=TODAY) is False
    assert not Notification.objects.filter(key__startswith="learning_records.expiry").exists()


def test_a_returned_certificate_gets_no_reminder_but_a_waiting_one_does():
    from learning.records.services import record_return

    from .builders import learning_admin

    waiting = submitted(
        data=certificate_input(acquired_on=dt.date(2022, 11, 1), expires_on=dt.date(2025, 11, 20))
    )
    returned = submitted(
        data=certificate_input(acquired_on=dt.date(2022, 11, 1), expires_on=dt.date(2025, 11, 20))
    )
    record_return(record=returned, by=learning_admin(), reason="번호가 안 보입니다")
    assert certificate_expiry_remind(record_id=waiting.pk, today=TODAY) is True
    assert certificate_expiry_remind(record_id=returned.pk, today=TODAY) is False


def test_a_renewed_expiry_date_is_a_new_event():
    record = cert(dt.date(2025, 11, 20))
    assert certificate_expiry_remind(record_id=record.pk, today=TODAY) is True
    ExternalRecord.objects.filter(pk=record.pk).update(expires_on=dt.date(2025, 11, 25))
    assert certificate_expiry_remind(record_id=record.pk, today=TODAY) is True
    assert certificate_expiry_remind(record_id=record.pk, today=TODAY) is False
    assert Notification.objects.filter(key__startswith=f"learning_records.expiry:{record.pk}:").count() == 2


def test_dispatch_queues_each_due_certificate_once(django_capture_on_commit_callbacks):
    first, second = cert(dt.date(2025, 11, 10)), cert(dt.date(2025, 11, 30))
    cert(dt.date(2026, 1, 10))  # too far
    with django_capture_on_commit_callbacks(execute=True):
        assert certificate_expiry_reminders_queue(today=TODAY) == 2
    assert set(ExternalRecord.objects.exclude(expiry_reminded_for=None).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }
    with django_capture_on_commit_callbacks(execute=True):
        assert certificate_expiry_reminders_queue(today=TODAY) == 0  # a second run sends nothing


def test_the_beat_task_runs_on_todays_date(django_capture_on_commit_callbacks):
    record = cert(timezone.localdate() + dt.timedelta(days=10))
    with django_capture_on_commit_callbacks(execute=True):
        assert certificate_expiry_reminders_dispatch.apply().get() == 1
    assert Notification.objects.filter(key__startswith=f"learning_records.expiry:{record.pk}:").count() == 1
