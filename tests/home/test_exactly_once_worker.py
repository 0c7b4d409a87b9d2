"""A worker killed (SIGKILL) after the mail server accepted a message, before the task was
acknowledged, then the task delivered again: the person gets one e-mail, one notification
(issue 12, point 8). Runs on the configured broker: the filesystem one, or Redis with REDIS_URL.

On Redis the unacknowledged message comes back by itself once the broker's visibility timeout
passes (a few seconds here); the filesystem broker removes a message when a worker takes it, so
nothing comes back after a crash and the test sends the same task again itself (a duplicate
delivery, which is what the outbox must survive on either broker).
"""

import re
import signal

import pytest
from django.conf import settings

from intranet.home.models import Notification, OutgoingMail
from intranet.home.services import notification_send
from intranet.home.tasks import notification_email_send
from tests.factories import StaffFactory
from tests.worker import wait_for

VISIBILITY = "2"
TASK_ID = re.compile(r"notification_email_send\[([0-9a-f-]+)\] received")


def mails_to(folder, address):
    return [p for p in folder.iterdir() if address in p.read_text()]


@pytest.mark.worker
def test_a_worker_killed_after_the_mail_went_out_sends_no_second_mail(celery_worker_factory, tmp_path):
    accepted = tmp_path / "accepted"
    first = celery_worker_factory(
        name="first",
        env={
            "IEUM_EMAIL_BACKEND": "tests.mail.AcceptThenHangBackend",
            "IEUM_TEST_HANG_MARKER": str(accepted),
            "IEUM_BROKER_VISIBILITY_TIMEOUT": VISIBILITY,
        },
    )
    person = StaffFactory(email="once@agency.example")
    notification = notification_send(recipient=person, key="exactly-once", title="한 번만 가는 메일")

    wait_for(accepted.exists, timeout=60)  # the mail server has the message; the task is not acked
    first.process.send_signal(signal.SIGKILL)
    first.process.wait(timeout=10)
    assert len(mails_to(first.mail_dir, "once@agency.example")) == 1
    assert OutgoingMail.objects.get().state == OutgoingMail.State.SENDING

    second = celery_worker_factory(name="second", env={"IEUM_BROKER_VISIBILITY_TIMEOUT": VISIBILITY})
    if not settings.REDIS_URL:
        notification_email_send.delay(notification.pk)  # the filesystem broker does not redeliver
    # The task runs again on the second worker and finds the claim: it sends nothing.
    wait_for(lambda: "succeeded" in second.log_path.read_text(), timeout=90)
    first_ids, second_ids = (TASK_ID.findall(w.log_path.read_text()) for w in (first, second))
    assert len(first_ids) == 1 and len(second_ids) == 1
    if settings.REDIS_URL:
        assert second_ids == first_ids  # the broker gave the very message back

    assert len(mails_to(second.mail_dir, "once@agency.example")) == 1
    assert Notification.objects.filter(recipient=person).count() == 1
    row = OutgoingMail.objects.get()
    assert (row.key, row.state, row.attempts) == (f"home.notification.{notification.pk}", "sending", 1)
