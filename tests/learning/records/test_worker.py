"""The certificate expiry reminder through a real Celery worker process (see tests/worker.py)."""

import datetime as dt

import pytest
from django.utils import timezone

from intranet.home.models import Notification
from learning.records.tasks import certificate_expiry_reminders_dispatch
from tests.factories import StaffFactory
from tests.worker import wait_for

from .builders import approved, certificate_input

pytestmark = pytest.mark.worker


def test_expiry_reminder_goes_out_once_through_the_worker(migrated_db, celery_worker_process):
    today = timezone.localdate()
    record = approved(
        StaffFactory(email="cert@agency.example"),
        certificate_input(
            acquired_on=today - dt.timedelta(days=1000), expires_on=today + dt.timedelta(days=20)
        ),
    )
    certificate_expiry_reminders_dispatch.delay()
    certificate_expiry_reminders_dispatch.delay()  # beat fired twice: still one reminder
    key = f"learning_records.expiry:{record.pk}:"

    def emailed():
        note = Notification.objects.filter(key__startswith=key).first()
        return note and note.emailed_at

    wait_for(emailed, timeout=90)
    assert Notification.objects.filter(key__startswith=key).count() == 1
    sent = [p.read_text() for p in celery_worker_process.mail_dir.iterdir()]
    assert sum("cert@agency.example" in text and "만료" in text for text in sent) == 1
