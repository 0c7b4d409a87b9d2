"""Certificate expiry reminders (thin tasks over ``services``)."""

import datetime as dt

from celery import shared_task
from django.db import DatabaseError


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def certificate_expiry_reminders_dispatch() -> int:
    """Daily (beat): queue a reminder for each certificate expiring within 30 days.

    Idempotent: a certificate reminded of its expiry date is not queued again; a retry or a
    second run the same day sends nothing new.
    """
    from . import services

    return services.certificate_expiry_reminders_queue()


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def certificate_expiry_remind_task(record_id: int, today: str | None = None) -> bool:
    """One certificate's reminder (e-mail + in-site notification), once per expiry date."""
    from . import services

    return services.certificate_expiry_remind(
        record_id=record_id, today=dt.date.fromisoformat(today) if today else None
    )
