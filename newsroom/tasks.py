"""Background work of the newsroom: thin tasks over ``services``, idempotent and retried."""

from celery import shared_task
from django.db import DatabaseError

RETRY = {"autoretry_for": (DatabaseError, OSError), "retry_backoff": True, "retry_kwargs": {"max_retries": 5}}


@shared_task(**RETRY)
def issue_published(issue_id: int) -> int:
    """An issue went live: in-site notification to every active staff member, then the digest
    to those who opted in. Both are once per person, so a rerun sends nothing new."""
    from . import services

    notified = services.issue_published_notify(issue_id=issue_id)
    services.issue_digest_send(issue_id=issue_id)
    return notified


@shared_task(**RETRY)
def issue_digest_send(issue_id: int) -> int:
    from . import services

    return services.issue_digest_send(issue_id=issue_id)


@shared_task(**RETRY)
def notice_published(notice_id: int) -> int:
    from . import services

    return services.notice_published_notify(notice_id=notice_id)


@shared_task(**RETRY)
def digest_dispatch() -> int:
    """Monthly (beat): the latest issue's digest to subscribers who have not had it yet."""
    from . import services

    return services.digest_dispatch()
