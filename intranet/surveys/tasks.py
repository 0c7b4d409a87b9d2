"""Background work of the survey engine."""

from celery import shared_task
from django.db import DatabaseError

from . import results


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def survey_results_compute(survey_id: int) -> bool:
    """Refresh the cached results after answers arrive or the survey closes.

    Idempotent: a result that is already current (same version key) is left alone. Submissions
    queue it through ``results.results_refresh_queue``, at most one waiting run per survey.
    """
    results.results_refresh_started(survey_id=survey_id)
    return results.survey_results_refresh(survey_id=survey_id)


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def survey_reminders_dispatch() -> int:
    """Daily (beat): remind non-respondents three days before the close and on the last day.

    Idempotent: each person gets each round once (``AudienceMember.reminders_sent``), and the
    notification key is per round, so a retry or a second run the same day sends nothing new.
    """
    from . import selectors, services

    return sum(
        services.survey_reminders_send(survey=survey, round_number=round_number)
        for survey, round_number in selectors.surveys_due_reminders()
    )
