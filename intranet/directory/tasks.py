"""Background work of the directory: big HR imports uploaded through the admin, the directory sync."""

from celery import shared_task
from django.db import OperationalError

from .imports import import_run_execute


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def import_run_process(run_id: int) -> str:
    """Idempotent: ``import_run_execute`` only claims a queued run, so a redelivery does nothing."""
    return import_run_execute(run_id=run_id).status


@shared_task(autoretry_for=(OperationalError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def directory_sync_task() -> str:
    """The beat job: staff from the agency directory (all or nothing; each run is audited)."""
    from .ldap_sync import directory_staff_sync

    return directory_staff_sync().status
