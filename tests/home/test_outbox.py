"""The mail outbox (issue 12, point 8): the intent is committed before the mail server is asked,
so a rerun, a redelivery or a second worker never sends one event twice."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core import mail

from intranet.home.models import OutgoingMail
from intranet.home.services import (
    SENDING_LEASE,
    outgoing_mail_deliver,
    outgoing_mail_flush,
    outgoing_mail_record,
)

pytestmark = pytest.mark.django_db
SEOUL = ZoneInfo("Asia/Seoul")
DAYS = [datetime(2026, 1, 1, 0, 5, tzinfo=SEOUL), datetime(2029, 6, 30, 23, 55, tzinfo=SEOUL)]


def record(key="test.event.1", to="kim@agency.example"):
    return outgoing_mail_record(
        key=key, subject="[이음] 제목", message="본문", from_email=None, recipient_list=[to]
    )


def test_one_event_one_row_one_mail():
    first, again = record(), record()
    assert first.pk == again.pk and OutgoingMail.objects.count() == 1
    assert outgoing_mail_deliver(key="test.event.1") is True
    assert outgoing_mail_deliver(key="test.event.1") is False
    assert [m.to for m in mail.outbox] == [["kim@agency.example"]]
    row = OutgoingMail.objects.get()
    assert (row.state, row.attempts) == (OutgoingMail.State.SENT, 1) and row.sent_at is not None


def test_the_same_event_carries_the_same_message_id():
    row = record()
    outgoing_mail_deliver(key=row.key)
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<ieum.{row.pk}.test.event.1@agency.example>"


def test_a_claimed_row_is_never_sent_again():
    """What a worker killed after the mail server accepted leaves behind: a claim, no mark."""
    row = record()
    OutgoingMail.objects.filter(pk=row.pk).update(state=OutgoingMail.State.SENDING)
    assert outgoing_mail_deliver(key=row.key) is False
    assert mail.outbox == []


def test_a_refused_send_gives_the_claim_back_for_the_retry(settings):
    row = record()
    settings.EMAIL_BACKEND = "tests.mail.RefusingBackend"
    with pytest.raises(OSError):
        outgoing_mail_deliver(key=row.key)
    row.refresh_from_db()
    assert row.state == OutgoingMail.State.PENDING
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert outgoing_mail_deliver(key=row.key) is True
    row.refresh_from_db()
    assert (row.state, row.attempts, len(mail.outbox)) == (OutgoingMail.State.SENT, 2, 1)


@pytest.mark.parametrize("day", DAYS)
def test_the_flush_sends_lost_rows_and_flags_dead_claims_without_resending(day):
    with time_machine.travel(day, tick=False) as clock:
        lost = record(key="test.lost")
        dead = record(key="test.dead")
        OutgoingMail.objects.filter(pk=dead.pk).update(state=OutgoingMail.State.SENDING, claimed_at=day)
        fresh_claim = record(key="test.fresh-claim")
        clock.shift(SENDING_LEASE - timedelta(minutes=1))
        young = record(key="test.young")  # its own task is about to send it
        OutgoingMail.objects.filter(pk=fresh_claim.pk).update(
            state=OutgoingMail.State.SENDING, claimed_at=day + SENDING_LEASE - timedelta(minutes=1)
        )
        clock.shift(timedelta(minutes=2))
        assert outgoing_mail_flush() == 1
    states = dict(OutgoingMail.objects.values_list("key", "state"))
    assert states == {
        lost.key: "sent",
        dead.key: "unknown",
        fresh_claim.key: "sending",
        young.key: "pending",
    }
    assert [m.subject for m in mail.outbox] == ["[이음] 제목"]
