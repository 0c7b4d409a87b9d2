"""The performance module's panel on the home dashboard and section on the staff profile."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from intranet.directory.selectors import staff_for_user
from intranet.kept_queries import KeptQuery
from intranet.registry import Panel, dashboard_panels, profile_sections

from . import progress, selectors
from .models import KPI, Milestone, Programme
from .selectors import ProgrammeRow

# The person's programmes in the open plans, as plain columns, compiled once a process
# (``intranet.kept_queries``): the panel is on every dashboard view.
HEADS = KeptQuery(
    lambda staff: (
        Programme.objects.filter(Q(owner_id=staff) | Q(co_owners=staff), plan__is_closed=False)
        .distinct()
        .order_by("-plan__year", "code")
        .values_list(
            "pk",
            "code",
            "title",
            "award_tier",
            "owner_id",
            "progress_mode",
            "status_override",
            "status_override_reason",
            "plan__year",
            "plan__at_risk_margin",
        )
    ),
    "staff",
)


MILESTONES = KeptQuery(
    lambda staff: (
        Milestone.objects.filter(
            Q(programme__owner_id=staff) | Q(programme__co_owners=staff), programme__plan__is_closed=False
        )
        .distinct()  # an owner who co-owns too, or a programme with several co-owners: once
        .order_by("due_date", "pk")
        .values_list("programme_id", "due_date", "weight", "done_on", "title", "pk")
    ),
    "staff",
)
KPIS = KeptQuery(
    lambda staff: (
        KPI.objects.filter(
            Q(programme__owner_id=staff) | Q(programme__co_owners=staff), programme__plan__is_closed=False
        )
        .distinct()
        .order_by("order", "pk")
        .values_list("programme_id", "baseline", "target", "actual", "pk")
    ),
    "staff",
)


@dataclass(frozen=True)
class ProgrammeHead:
    """The columns of a programme the panel shows (not a model instance with its plan,
    department and owner: the dashboard needs none of them)."""

    pk: int
    code: str
    title: str
    award_tier: str
    owner_id: int


def programme_rows(*, staff, today: dt.date | None = None) -> list[ProgrammeRow]:
    """Programmes the person owns or co-owns in the open plans, newest plan first, with their %
    and status as ``selectors.my_programmes`` gives them: one query of plain columns, then the
    milestones (and the KPIs, only when a programme is measured by them) of those found; nothing
    more when there are none."""
    heads = HEADS.rows(staff=staff.pk)
    if not heads:
        return []
    milestones = defaultdict(list)
    for programme_id, due_date, weight, done_on, title, _pk in MILESTONES.rows(staff=staff.pk):
        milestones[programme_id].append(
            progress.MilestoneFacts(due_date=due_date, weight=float(weight), done_on=done_on, title=title)
        )
    kpis = defaultdict(list)
    if any(row[5] == Programme.ProgressMode.KPI for row in heads):
        for programme_id, baseline, target, actual, _pk in KPIS.rows(staff=staff.pk):
            kpis[programme_id].append(
                progress.KpiFacts(
                    baseline=float(baseline),
                    target=float(target),
                    actual=None if actual is None else float(actual),
                )
            )
    today = today or timezone.localdate()
    rows = []
    for pk, code, title, award_tier, owner_id, mode, override, reason, year, margin in heads:
        as_of = min(max(today, dt.date(year, 1, 1)), dt.date(year, 12, 31))  # selectors._as_of
        state = progress.programme_state(
            mode=mode,
            year=year,
            margin=margin,
            as_of=as_of,
            milestones=milestones[pk],
            kpis=kpis[pk],
            override=override,
            override_reason=reason,
        )
        rows.append(ProgrammeRow(ProgrammeHead(pk, code, title, award_tier, owner_id), state))
    return rows


def my_programmes(request):
    """Programmes I own or co-own in the open plans, with % and status; nothing when none."""
    me = staff_for_user(request.user)
    rows = programme_rows(staff=me) if me else []
    if not rows:
        return None
    return {"rows": rows, "staff": me}


def person_programmes(request, person):
    """Programmes the person shown owns or co-owns in the open plans (one query once the plans'
    roll-ups are cached)."""
    rows = selectors.person_programmes(staff=person)
    if not rows:
        return None
    return {"rows": rows, "staff": person}


dashboard_panels.register(
    Panel(
        key="performance.my_programmes",
        title=_("내 성과 과제"),
        template="performance/panels/my_programmes.html",
        provider=my_programmes,
        order=30,
    )
)
profile_sections.register(
    Panel(
        key="performance.programmes",
        title=_("담당 성과 과제"),
        template="performance/panels/my_programmes.html",
        provider=person_programmes,
        order=30,
    )
)
