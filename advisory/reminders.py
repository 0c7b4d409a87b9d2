"""Reminders the Celery tasks send: a term ending in 60 and in 30 days (to every committee
secretary), and advice whose response is overdue (to the responsible department's head, and the
secretaries). Each reminder has its own notification key, so a retried task or a second beat run
on the same day or the next sends nothing new: one event, one notification per person."""

import datetime as dt

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.models import Staff
from intranet.korean import format_korean_date
from intranet.roles import Role

from . import selectors
from .models import Term

TERM_REMINDER_DAYS = (60, 30)


def secretaries() -> list[Staff]:
    group = Group.objects.filter(name=Role.COMMITTEE_SECRETARY.value).first()
    if group is None:
        return []
    return list(Staff.objects.filter(is_active=True, user__is_active=True, user__groups=group).distinct())


def term_reminders_send(*, today: dt.date | None = None) -> int:
    """For each term ending within 60 (then 30) days and not yet reminded at that mark, remind
    every secretary. A beat run that was missed is caught up the next day: the window is "at most
    N days left", not "exactly N"."""
    from intranet.home.services import notification_send

    today = today or timezone.localdate()
    people = secretaries()
    sent = 0
    terms = Term.objects.filter(
        ends_on__gte=today, ends_on__lte=today + dt.timedelta(days=max(TERM_REMINDER_DAYS))
    )
    for term in terms.select_related("member", "member__domain"):
        left = (term.ends_on - today).days
        # The tightest mark the term has reached: 30 when 30 days or fewer are left, else 60.
        mark = min(d for d in TERM_REMINDER_DAYS if left <= d)
        for person in people:
            notification_send(
                recipient=person,
                key=f"advisory.term.{term.pk}.d{mark}",
                title=_("%(name)s 위원의 임기가 %(days)s일 뒤 끝납니다")
                % {"name": term.member.name, "days": left},
                body=_("%(domain)s 분야 · 임기 만료일 %(date)s. 연임 또는 새 위원 위촉을 준비해 주세요.")
                % {"domain": term.member.domain.name, "date": format_korean_date(term.ends_on)},
                url=term.member.get_absolute_url(),
            )
            sent += 1
    return sent


def overdue_reminders_send(*, today: dt.date | None = None) -> int:
    """Advice past its response deadline reminds the department head once (and each secretary once)."""
    from intranet.home.services import notification_send

    today = today or timezone.localdate()
    people = secretaries()
    sent = 0
    overdue = selectors.advice_overdue(today=today).filter(meeting__minutes_status="approved")
    for advice in overdue:
        recipients = list(people)
        head = advice.department.head
        if head is not None and head.is_active and head not in recipients:
            recipients.append(head)
        for person in recipients:
            notification_send(
                recipient=person,
                key=f"advisory.advice.overdue.{advice.pk}",
                title=_("자문의견 회신 기한이 지났습니다: %(department)s")
                % {"department": advice.department.name},
                body=_("%(meeting)s · 회신 기한 %(date)s · %(text)s")
                % {
                    "meeting": advice.meeting.title,
                    "date": format_korean_date(advice.due_on),
                    "text": advice.text[:80],
                },
                url=advice.get_absolute_url(),
            )
            sent += 1
    return sent
