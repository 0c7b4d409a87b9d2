"""Notifications: the one way every module tells a person something."""

import logging
import re
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from intranet.directory.models import Staff

from .emails import notification_email_content
from .models import Notification, OutgoingMail

logger = logging.getLogger(__name__)


def notification_send(
    *, recipient: Staff, key: str, title: str, body: str = "", url: str = "", email: bool = True
) -> Notification:
    """Create the notification for this event once, and queue its e-mail after commit.

    Calling again with the same ``key`` (a retried task, a double click) returns the existing
    notification and sends nothing more. ``email=False`` keeps it in the site only, whatever the
    person's e-mail setting: for events that have an e-mail of their own, which people opt in to
    (the newsroom's monthly digest).
    """
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient, key=key[:200], title=title[:200], body=body, url=url
            )
    except IntegrityError:
        return Notification.objects.get(recipient=recipient, key=key[:200])
    if email and recipient.email_notifications and recipient.email:
        from .tasks import notification_email_send

        transaction.on_commit(lambda: notification_email_send.delay(notification.pk))
    return notification


def notification_mark_read(*, staff: Staff, notification_id: int | None = None) -> int:
    """Mark one (or, without an id, every) unread notification of this person as read."""
    unread = Notification.objects.filter(recipient=staff, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


def notification_email_deliver(*, notification_id: int) -> bool:
    """Send the e-mail for a notification unless it was already sent. Returns True if sent.

    The e-mail is written to the outbox (one row per notification, committed) before the mail
    server is asked, so a redelivered task finds it and sends nothing twice (``outgoing_mail_deliver``).
    """
    key = f"home.notification.{notification_id}"
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("recipient").get(pk=notification_id)
        )
        recipient = notification.recipient
        if notification.emailed_at or not recipient.email_notifications or not recipient.email:
            return False
        subject, message = notification_email_content(notification)
        outgoing_mail_record(
            key=key,
            subject=subject,
            message=message,
            from_email=None,
            recipient_list=[recipient.email],
        )
    if not outgoing_mail_deliver(key=key):
        return False
    Notification.objects.filter(pk=notification_id).update(emailed_at=timezone.now())
    return True


# The outbox (``OutgoingMail``): record the intent, commit, claim, send, mark sent.
PENDING_GRACE = timedelta(minutes=5)  # a pending row older than this was lost by its task: flush it
SENDING_LEASE = timedelta(minutes=15)  # far past EMAIL_TIMEOUT: a claim this old lost its worker


def outgoing_mail_record(
    *, key: str, subject: str, message: str, from_email: str | None, recipient_list: list[str]
) -> OutgoingMail:
    """Write the intent to send, once per ``key`` (same arguments as ``send_mail``).

    Call it inside the transaction that records the event, then ``outgoing_mail_deliver`` after
    the commit. A second call with the same key returns the first row unchanged.
    """
    try:
        with transaction.atomic():
            return OutgoingMail.objects.create(
                key=key[:200],
                to=",".join(recipient_list),
                from_email=from_email or "",
                subject=subject[:300],
                body=message,
            )
    except IntegrityError:
        return OutgoingMail.objects.get(key=key[:200])


def _message_id(mail: OutgoingMail) -> str:
    """The same Message-ID for the same event, so that a mail system can tell a copy."""
    domain = settings.DEFAULT_FROM_EMAIL.rpartition("@")[2] or "ieum.local"
    return f"<ieum.{mail.pk}.{re.sub(r'[^A-Za-z0-9.-]', '-', mail.key)}@{domain}>"


def outgoing_mail_deliver(*, key: str) -> bool:
    """Send the outbox row ``key`` if nobody has started sending it. Returns True if sent now.

    The claim (pending → sending) is one conditional UPDATE committed on its own (``durable``),
    before the mail server is asked: of two deliveries only one claims, and a worker killed after
    the server accepted leaves a claim that no later run sends again. An error from the mail
    server (it refused or was unreachable: nothing was accepted) gives the claim back, so that
    the task's retry sends.
    """
    with transaction.atomic(durable=True):
        claimed = OutgoingMail.objects.filter(key=key[:200], state=OutgoingMail.State.PENDING).update(
            state=OutgoingMail.State.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    if not claimed:
        return False
    mail = OutgoingMail.objects.get(key=key[:200])
    message = EmailMessage(
        subject=mail.subject,
        body=mail.body,
        from_email=mail.from_email or None,
        to=mail.to.split(","),
        headers={"Message-ID": _message_id(mail)},
    )
    try:
        message.send()
    except Exception:
        OutgoingMail.objects.filter(pk=mail.pk, state=OutgoingMail.State.SENDING).update(
            state=OutgoingMail.State.PENDING
        )
        raise
    OutgoingMail.objects.filter(pk=mail.pk).update(state=OutgoingMail.State.SENT, sent_at=timezone.now())
    return True


def outgoing_mail_flush(*, key_prefix: str = "", grace: timedelta = PENDING_GRACE) -> int:
    """Send pending rows whose task was lost (older than ``grace``), and mark claims older than
    ``SENDING_LEASE`` as ``unknown``: their worker died mid-send and whether the mail server
    accepted is not known, so they are left to a person rather than sent twice. Returns the
    count sent. Beat runs it every ten minutes; a module may flush its own keys at once
    (``key_prefix``, ``grace=timedelta(0)``)."""
    now = timezone.now()
    rows = OutgoingMail.objects.filter(key__startswith=key_prefix)
    stale = rows.filter(state=OutgoingMail.State.SENDING, claimed_at__lt=now - SENDING_LEASE)
    for key in stale.values_list("key", flat=True):
        logger.warning("Outgoing mail %s: its worker died while sending; not resent.", key)
    stale.update(state=OutgoingMail.State.UNKNOWN)
    pending = rows.filter(state=OutgoingMail.State.PENDING, created_at__lte=now - grace)
    return sum(outgoing_mail_deliver(key=key) for key in pending.order_by("pk").values_list("key", flat=True))
