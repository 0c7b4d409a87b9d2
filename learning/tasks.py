"""Background work of the education site: thin, idempotent tasks that call a service.

Each reminder has its own notification key (``notification_send`` sends once per recipient and
key), so a retried task or a second beat run sends nothing new.
"""

from celery import shared_task
from django.db import DatabaseError


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def session_reminders_dispatch() -> int:
    """Daily (beat): sessions that start in three days remind everyone holding a seat."""
    from . import reminders

    return reminders.session_reminders_send()


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def feedback_requests_send(session_id: int) -> int:
    """After a session is completed: ask each person who completed it for feedback."""
    from . import reminders

    return reminders.feedback_requests_send(session_id=session_id)


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def hours_digest_dispatch() -> int:
    """Monthly (beat): each department head gets the department's hours and missing mandatory courses."""
    from . import reminders

    return reminders.hours_digest_send()
