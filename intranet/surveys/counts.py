"""A survey's big counts for its result version, without counting on every view.

``results.results_version()`` says when a stored result is out of date. Its response, audience
and external-respondent counts grow with the survey (13 ms of COUNTs a view at 17,148 responses
and 19,939 people), so they are kept in the shared cache under a per-survey generation
(``intranet.caching.Generational``).
Every writer of those rows drops the token (``results_counts_changed``): the ``Response``
post_save receiver in ``apps.py`` for submissions, and the bulk writers (launch, audience
addition, close and seal, respondent upload, demo seeds) by a call after their insert.
"""

from django.db.models import Count, OuterRef, Subquery

from intranet.caching import Generational

from .models import AudienceMember, ExternalRespondent, Response, Survey


def count_per_survey(rows):
    """A subquery counting ``rows`` (a queryset of one model, filtered) of the outer survey."""
    return Subquery(
        rows.filter(survey=OuterRef("pk")).order_by().values("survey").annotate(c=Count("pk")).values("c")
    )


# A safety net for a writer that bypasses the hooks (a shell, a data migration): its counts are
# at most this old.
COUNTS_TIMEOUT = 600


def _counts(survey_id: int) -> Generational:
    """The survey's own generation namespace: a change to one survey recounts only that survey."""
    return Generational(f"surveys:counts:{survey_id}", COUNTS_TIMEOUT, limit=1)


def results_counts_changed(survey_id: int) -> None:
    """Responses, audience members or external respondents of the survey were added or removed:
    drop its cached counts now and again after commit (``Generational.invalidate``). Called by
    the ``Response`` post_save receiver (submissions) and by every bulk writer (launch, audience,
    respondent upload, close and seal, demo seeds)."""
    _counts(survey_id).invalidate()


def survey_counts(survey_id: int) -> tuple[int, int]:
    """(responses, audience members + external respondents), counted once per generation."""

    def count() -> tuple[int, int]:
        counts = (
            Survey.objects.filter(pk=survey_id)
            .annotate(
                n_responses=count_per_survey(Response.objects.all()),
                n_audience=count_per_survey(AudienceMember.objects.all()),
                n_external=count_per_survey(ExternalRespondent.objects.all()),
            )
            .values_list("n_responses", "n_audience", "n_external")
            .get()
        )
        return (counts[0] or 0, (counts[1] or 0) + (counts[2] or 0))

    return _counts(survey_id).get("counts", count)
