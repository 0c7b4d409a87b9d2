"""Course feedback through the survey engine (``intranet.surveys``).

One open feedback survey per course at a time, bound to it by the context key
``learning.course:<pk>``: the first completed session creates and opens it (under a lock on the
course row, so two sessions completed at once make one survey), and every completed session adds
the people who completed it to the audience with their session as their group
(``learning.session:<pk>``) and keeps the survey open until at least 30 days after that session
ended. Past that the survey closes itself (``intranet.surveys.tasks.surveys_past_close_dispatch``:
released, sealed, results shown); a session completed after that opens the course's next round
("2차", "3차" …), since a sealed survey never takes answers again. Pages and the review read the
course's latest survey. The survey's mode is the course's
``feedback_mode`` when it is created; the engine's anonymity and small-group suppression apply
as to any survey (per session, a group of fewer than 5 respondents is hidden).

Learning admins read the results on the engine's results page (the whole course, or a session
through its context filter); the programme review reads each course's overall score from the
engine's cached results (``intranet.surveys.selectors.scores_by_context``).
"""

import datetime as dt
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.korean import format_korean_date
from intranet.registry import SurveyContext, register_survey_context
from intranet.roles import Role, has_role

COURSE_PREFIX = "learning.course"
SESSION_PREFIX = "learning.session"
OPEN_DAYS_AFTER_SESSION = 30
# The bank questions of the data migration 0004_feedback_questions, in the order asked.
QUESTION_CODES = (
    "course-content-1",
    "course-content-2",
    "course-instructor-1",
    "course-operation-1",
    "course-application-1",
    "course-improvement",
)


def course_key(course_id: int) -> str:
    return f"{COURSE_PREFIX}:{course_id}"


def session_key(session_id: int) -> str:
    return f"{SESSION_PREFIX}:{session_id}"


def _key_ids(keys, prefix: str) -> dict[str, int]:
    ids = {}
    for key in keys:
        head, _sep, tail = key.partition(":")
        if head == prefix and tail.isdigit():
            ids[key] = int(tail)
    return ids


def course_survey(course_id: int):
    """The course's latest feedback survey, or None before its first session is completed. One
    query."""
    from intranet.surveys.models import Survey

    return Survey.objects.filter(context_key=course_key(course_id)).order_by("-pk").first()


def survey_ids_by_course(course_ids) -> dict[int, int]:
    """Course id → its latest feedback survey's id, for the courses that have one. One query."""
    from intranet.surveys.models import Survey

    keys = {course_key(pk): pk for pk in set(course_ids)}
    rows = Survey.objects.filter(context_key__in=list(keys)).order_by("pk").values_list("context_key", "pk")
    return {keys[key]: pk for key, pk in rows}


def feedback_open_for_session(*, session, completions, now: dt.datetime | None = None):
    """Called inside ``services.session_complete``'s transaction: open the course's survey if it
    has none open (none yet, or the last one closed — by its admin or past its close — and sealed:
    the next round) and add this session's completers to its audience. Returns the survey."""
    from intranet.surveys import services as survey_services
    from intranet.surveys.models import Survey

    from .models import CoursePage

    now = now or timezone.now()
    course = CoursePage.objects.select_for_update().get(pk=session.course_id)  # one survey per course
    closes = session.ends_at + dt.timedelta(days=OPEN_DAYS_AFTER_SESSION)
    survey = course_survey(course.pk)
    if survey is None or survey.status != Survey.Status.OPEN:
        rounds = Survey.objects.filter(context_key=course_key(course.pk)).count()
        title = _("%(course)s 교육 만족도 조사") % {"course": course.title}
        if rounds:
            title = _("%(title)s (%(round)s차)") % {"title": title, "round": rounds + 1}
        survey = survey_services.survey_bound_open(
            context_key=course_key(course.pk),
            title=title,
            year=course.year,
            mode=course.feedback_mode,
            bank_codes=QUESTION_CODES,
            section_title=_("교육 만족도"),
            description=_("수료한 교육에 대한 의견을 들려주세요. 다음 해 교육 계획에 반영합니다."),
            closes_at=closes,
            now=now,
        )
    survey_services.survey_audience_add(
        survey=survey,
        members=[(c.staff, session_key(session.pk)) for c in completions],
        closes_at_least=closes,
    )
    return survey


def feedback_url(completion, survey_id: int | None = None) -> str:
    """Where the feedback request points: the course survey's answer page (my learning page while
    the course has no survey)."""
    if survey_id is None:
        survey = course_survey(completion.course_id)
        survey_id = survey.pk if survey else None
    return reverse("surveys:answer", args=[survey_id]) if survey_id else reverse("learning:my")


def results_url(*, survey_id: int, session_id: int | None = None) -> str:
    url = reverse("surveys:results", args=[survey_id])
    return f"{url}?{urlencode({'context_key': session_key(session_id)})}" if session_id else url


def askable(*, session_id: int, course_id: int) -> tuple[int | None, set[int]]:
    """The course survey's id and who of this session is in its audience (two queries): the
    feedback request goes only to people the survey will accept."""
    from intranet.surveys.models import AudienceMember

    survey = course_survey(course_id)
    if survey is None:
        return None, set()
    people = set(
        AudienceMember.objects.filter(survey=survey, context_key=session_key(session_id)).values_list(
            "staff_id", flat=True
        )
    )
    return survey.pk, people


def still_answerable(*, survey_id: int) -> bool:
    """The feedback survey is open and its close is ahead: asking for an answer makes sense."""
    from intranet.surveys.models import Survey

    return Survey.objects.filter(
        pk=survey_id, status=Survey.Status.OPEN, closes_at__gt=timezone.now()
    ).exists()


# --- the engine's registry: labels and who sees the results ------------------------------------------


def can_see_feedback(user) -> bool:
    return has_role(user, Role.LEARNING_ADMIN)


def session_labels(keys) -> dict[str, str]:
    """``learning.session:12`` → "2025. 3. 12. 1차" (the session's local start date and title).
    One query."""
    from .models import Session

    ids = _key_ids(keys, SESSION_PREFIX)
    sessions = {s.pk: s for s in Session.objects.filter(pk__in=set(ids.values())).only("starts_at", "title")}
    labels = {}
    for key, pk in ids.items():
        session = sessions.get(pk)
        if session is None:
            continue
        day = format_korean_date(session.starts_at)
        labels[key] = (
            _("%(date)s %(title)s") % {"date": day, "title": session.title}
            if session.title
            else _("%(date)s 차수") % {"date": day}
        )
    return labels


def course_labels(keys) -> dict[str, str]:
    from .models import CoursePage

    ids = _key_ids(keys, COURSE_PREFIX)
    titles = dict(CoursePage.objects.filter(pk__in=set(ids.values())).values_list("pk", "title"))
    return {key: titles[pk] for key, pk in ids.items() if pk in titles}


def register() -> None:
    register_survey_context(
        SurveyContext(prefix=COURSE_PREFIX, labels=course_labels, can_see_results=can_see_feedback)
    )
    register_survey_context(
        SurveyContext(prefix=SESSION_PREFIX, labels=session_labels, can_see_results=can_see_feedback)
    )
