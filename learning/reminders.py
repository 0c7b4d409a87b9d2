"""Reminders sent by the Celery tasks: session in three days, feedback request, monthly digest.
The waitlist promotion notice is sent by ``services._promote`` in the promoting transaction."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.korean import format_korean_date

from .models import Completion, Enrolment, Session


def session_reminders_send(*, now: dt.datetime | None = None) -> int:
    """Remind everyone holding a seat in a session that starts within the next three days."""
    now = now or timezone.now()
    from intranet.home.services import notification_send

    sent = 0
    sessions = Session.objects.filter(
        starts_at__gt=now, starts_at__lte=now + dt.timedelta(days=3), completed_at__isnull=True
    ).select_related("course")
    for session in sessions:
        enrolments = session.enrolments.filter(state__in=(Enrolment.State.ENROLLED, Enrolment.State.PENDING))
        for enrolment in enrolments.select_related("staff"):
            when = format_korean_date(session.starts_at, with_time=True)
            notification_send(
                recipient=enrolment.staff,
                key=f"learning.soon.{session.pk}",
                title=_("곧 교육이 시작합니다: %(course)s") % {"course": session.course.title},
                body=_("%(when)s, %(place)s") % {"when": when, "place": session.place or session.online_url},
                url=session.course.url or "",
            )
            sent += 1
    return sent


def feedback_requests_send(*, session_id: int) -> int:
    """Ask each person who completed the session to answer the course's feedback survey, once
    (the key is per session and person), by notification and e-mail. People the survey did not
    take in, and everyone once the survey has closed, are not asked."""
    from intranet.home.services import notification_send

    from . import feedback

    completions = list(Completion.objects.filter(session_id=session_id).select_related("staff", "course"))
    if not completions:
        return 0
    survey_id, audience = feedback.askable(session_id=session_id, course_id=completions[0].course_id)
    if survey_id is None or not feedback.still_answerable(survey_id=survey_id):
        return 0  # closed by now (a survey admin, or the demo's past sessions): nothing to ask
    sent = 0
    for completion in completions:
        if completion.staff_id not in audience:
            continue
        notification_send(
            recipient=completion.staff,
            key=f"learning.feedback.{completion.session_id}",
            title=_("교육 만족도 조사에 참여해 주세요: %(course)s") % {"course": completion.course.title},
            body=_("수료를 축하합니다. 다음 해 교육 계획에 반영할 의견을 들려주세요."),
            url=feedback.feedback_url(completion, survey_id=survey_id),
        )
        sent += 1
    return sent


def hours_digest_send(*, today: dt.date | None = None) -> int:
    from . import hours

    return hours.department_digest_send(today=today or timezone.localdate())
