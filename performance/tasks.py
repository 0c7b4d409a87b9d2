"""Background work of the performance programme."""

from celery import shared_task
from django.db import DatabaseError


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def programme_reminders_dispatch() -> int:
    """Daily (beat): milestone due in 7 days, overdue milestone, 30 days without an update.

    Idempotent: every reminder has its own notification key, so a retry or a second run the same
    day sends nothing new.
    """
    from . import services

    return services.programme_reminders_send()
