"""Notifications: the one way every module tells a person something."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from intranet.directory.models import Staff

from .emails import notification_email_content
from .models import Notification


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

    The row is locked while sending so that two deliveries of the same task cannot both send.
    """
    from django.core.mail import send_mail

    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update().select_related("recipient").get(pk=notification_id)
        )
        recipient = notification.recipient
        if notification.emailed_at or not recipient.email_notifications or not recipient.email:
            return False
        subject, message = notification_email_content(notification)
        send_mail(
            subject=subject,
            message=message,
            from_email=None,
            recipient_list=[recipient.email],
        )
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
    return True
