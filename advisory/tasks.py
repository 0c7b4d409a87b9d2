"""Background work of the advisory committee: thin, idempotent tasks that call the reminders.

Each reminder has its own notification key (``notification_send`` sends once per recipient and
key), so a retried task or a second beat run sends nothing new.
"""

from celery import shared_task
from django.db import DatabaseError


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def term_reminders_dispatch() -> int:
    """Daily (beat): terms ending in 60 and in 30 days remind the committee secretaries."""
    from . import reminders

    return reminders.term_reminders_send()


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def overdue_reminders_dispatch() -> int:
    """Daily (beat): advice past its response deadline reminds the department head."""
    from . import reminders

    return reminders.overdue_reminders_send()
