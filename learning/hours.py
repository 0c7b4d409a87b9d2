"""Learning hours for a year: a small registry of hour sources, summed per person.

A source is ``fn(year) -> dict[staff_id, Decimal]`` computed in one aggregate query. Completions
of catalogue courses are the built-in source; other packages (approved external learning in
``learning.records``) register theirs with ``register_hour_source`` so this module never imports
them.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from django.db.models import Sum
from django.utils.translation import gettext as _

HourSource = Callable[[int], dict[int, Decimal]]
_sources: dict[str, HourSource] = {}


def register_hour_source(key: str, fn: HourSource) -> None:
    """Add (or, under the same key, replace) a source of hours."""
    _sources[key] = fn


def hour_sources() -> dict[str, HourSource]:
    return dict(_sources)


def completion_hours(year: int) -> dict[int, Decimal]:
    from .models import Completion

    rows = (
        Completion.objects.filter(completed_on__year=year)
        .values("staff_id")
        .annotate(total=Sum("hours"))
        .values_list("staff_id", "total")
    )
    return {staff_id: total or Decimal(0) for staff_id, total in rows}


register_hour_source("completions", completion_hours)


def hours_by_staff(year: int) -> dict[int, Decimal]:
    """Every source's hours, summed per staff id (one query per source)."""
    total: dict[int, Decimal] = defaultdict(Decimal)
    for fn in _sources.values():
        for staff_id, hours in fn(year).items():
            total[staff_id] += Decimal(hours)
    return dict(total)


def hours_by_source(year: int) -> dict[str, dict[int, Decimal]]:
    return {key: fn(year) for key, fn in _sources.items()}


def mandatory_missing(year: int, staff_ids=None) -> dict[int, list]:
    """Staff id -> the mandatory courses of the year they have not completed (two queries)."""
    from intranet.directory.models import Staff

    from .models import Completion, CoursePage

    courses = list(CoursePage.objects.live().filter(year=year, is_mandatory=True).order_by("title"))
    if not courses:
        return {}
    done = set(Completion.objects.filter(course__in=courses).values_list("staff_id", "course_id"))
    people = Staff.objects.filter(is_active=True)
    if staff_ids is not None:
        people = people.filter(pk__in=staff_ids)
    missing = {}
    for staff_id in people.values_list("pk", flat=True):
        courses_missing = [c for c in courses if (staff_id, c.pk) not in done]
        if courses_missing:
            missing[staff_id] = courses_missing
    return missing


def department_digest_send(*, today: dt.date) -> int:
    """Each active department head: the hours this year of their department and every department
    below it, and who there still misses a mandatory course. Sent once per department and month.
    A fixed number of queries (departments, tree, people, sources, mandatory courses) plus the
    notifications."""
    from django.template.defaultfilters import floatformat

    from intranet.directory.models import Department, Staff
    from intranet.directory.selectors import department_subtrees
    from intranet.home.services import notification_send

    year = today.year
    hours = hours_by_staff(year)
    missing = mandatory_missing(year)
    sent = 0
    departments = list(
        Department.objects.filter(is_active=True, head__is_active=True).select_related("head").order_by("pk")
    )
    subtrees = department_subtrees([d.pk for d in departments])
    members: dict[int, list] = defaultdict(list)
    people = Staff.objects.filter(is_active=True).only("pk", "name", "department_id")
    for staff in people.order_by("name", "pk"):
        members[staff.department_id].append(staff)
    for department in departments:
        below = subtrees.get(department.pk, {department.pk})
        people = [p for pk in sorted(below) for p in members.get(pk, [])]
        if not people:
            continue
        total = sum((hours.get(p.pk, Decimal(0)) for p in people), Decimal(0))
        lacking = sorted(p.name for p in people if p.pk in missing)
        body = _("%(year)s년 부서 교육 시간: %(total)s시간 (%(count)s명, 1인 평균 %(avg)s시간)") % {
            "year": year,
            "total": floatformat(total, "-1"),  # as the dashboard shows it (8, not 8.00 on PostgreSQL)
            "count": len(people),
            "avg": floatformat(total / len(people), "-1"),
        }
        if len(below) > 1:
            body += "\n" + _("하위 부서 %(count)s곳을 포함한 수치입니다.") % {"count": len(below) - 1}
        if lacking:
            body += "\n" + _("필수 과정 미이수: %(names)s") % {"names": ", ".join(lacking)}
        notification_send(
            recipient=department.head,
            key=f"learning.digest.{department.pk}.{today:%Y-%m}",
            title=_("%(month)s월 부서 교육 현황: %(name)s") % {"month": today.month, "name": department.name},
            body=body,
            url="/learning/hours/",
        )
        sent += 1
    return sent
