"""The surveys module's panels on the home dashboard and the profile."""

from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.directory.selectors import staff_for_user
from intranet.kept_queries import KeptQuery
from intranet.registry import Panel, dashboard_panels

from .models import AudienceMember, Survey


@dataclass(frozen=True)
class PendingSurvey:
    pk: int
    title: str
    closes_at: object


# The person's unanswered audience rows of open surveys, compiled once a process
# (``intranet.kept_queries``); whether each is open at this moment is checked in Python.
UNANSWERED = KeptQuery(
    lambda staff: (
        AudienceMember.objects.filter(staff_id=staff, has_submitted=False, survey__status=Survey.Status.OPEN)
        .order_by("survey__closes_at")
        .values_list("survey_id", "survey__title", "survey__closes_at", "survey__opens_at")
    ),
    "staff",
)


def pending_rows(*, staff) -> list[PendingSurvey]:
    """What ``selectors.pending_surveys`` lists (``open_now_q``: open, opened, not closed), as
    the three columns the panel shows: the audience row (with its draft answers) and the
    survey's other columns are not read. One query."""
    if staff is None:
        return []
    now = timezone.now()
    return [
        PendingSurvey(pk, title, closes_at)
        for pk, title, closes_at, opens_at in UNANSWERED.rows(staff=staff.pk)
        if opens_at <= now < closes_at
    ]


def surveys_to_answer(request):
    """Open surveys the person has not answered; nothing at all once every one is answered."""
    surveys = pending_rows(staff=staff_for_user(request.user))
    if not surveys:
        return None
    return {"surveys": surveys}


dashboard_panels.register(
    Panel(
        key="surveys.to_answer",
        title=_("참여할 설문"),
        template="surveys/panels/to_answer.html",
        provider=surveys_to_answer,
        order=5,
    )
)
