from celery import shared_task

from .services import notification_email_deliver, outgoing_mail_flush


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def notification_email_send(notification_id: int) -> bool:
    return notification_email_deliver(notification_id=notification_id)


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def outgoing_mail_flush_task() -> int:
    """Every ten minutes (beat): mail whose task was lost, and claims whose worker died."""
    return outgoing_mail_flush()
