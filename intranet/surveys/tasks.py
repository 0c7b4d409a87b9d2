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


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def surveys_past_close_dispatch() -> int:
    """Every few minutes (beat): close the open surveys whose ``closes_at`` has passed, which
    releases their holding area and seals their answers (``services.survey_close``).

    Idempotent and safe to run twice at once: each survey is closed under a row lock and only
    while it is open, so a second run (or the admin's button at the same moment) finds it closed."""
    from . import services

    return services.surveys_past_close_close()


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def respondent_upload_process(upload_id: int) -> str:
    """A big respondent list, parsed and written in the worker. Idempotent: only a queued upload
    is claimed, so a redelivery does nothing."""
    from .respondents import respondent_upload_execute

    return respondent_upload_execute(run_id=upload_id).status


@shared_task(autoretry_for=(DatabaseError,), retry_backoff=True, retry_kwargs={"max_retries": 5})
def invitation_run_process(run_id: int) -> int:
    """Send a round of invitations or reminders in batches (progress on the ``InvitationRun``).
    Idempotent: respondents already mailed in this round are skipped, and each mail is an outbox
    row sent at most once."""
    from .respondents import invitation_run_execute

    run = invitation_run_execute(run_id=run_id)
    return run.sent
