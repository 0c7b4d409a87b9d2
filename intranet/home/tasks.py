from celery import shared_task

from .services import notification_email_deliver


@shared_task(autoretry_for=(OSError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def notification_email_send(notification_id: int) -> bool:
    return notification_email_deliver(notification_id=notification_id)
