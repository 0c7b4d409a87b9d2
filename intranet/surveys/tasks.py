"""Background work of the survey engine."""

from celery import shared_task
from django.db import DatabaseError

from . import results


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def survey_results_compute(survey_id: int) -> bool:
    """Refresh the cached results after answers arrive or the survey closes.

    Idempotent: a result that is already current (same version key) is left alone, so a burst
    of submissions queues many tasks but only the first after the burst does the work.
    """
    return results.survey_results_refresh(survey_id=survey_id)
