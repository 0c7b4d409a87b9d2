"""Reads the pages need on top of ``selectors``: the timeline and history of one programme.

Pure Python over what ``selectors.programme_detail`` already fetched, so no query of its own.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from intranet.directory.models import Staff

from . import progress
from .models import Milestone, Plan, ProgressUpdate
from .selectors import ProgrammeDetail


def plan_as_of(plan: Plan, today: dt.date | None = None) -> dt.date:
    """The day progress is measured on: today, kept inside the plan year."""
    today = today or timezone.localdate()
    return min(max(today, dt.date(plan.year, 1, 1)), dt.date(plan.year, 12, 31))


@dataclass(frozen=True)
class TimelineItem:
    milestone: Milestone
    is_done: bool
    is_overdue: bool


@dataclass
class HistoryEntry:
    update: ProgressUpdate
    milestones: list[str] = field(default_factory=list)
    kpis: list[dict] = field(default_factory=list)


def plain_number(value) -> str:
    """A decimal the way people write it: 74.7, 85, 1,265 (no trailing zeros, no exponent)."""
    if value is None or value == "":
        return ""
    try:
        return format(Decimal(str(value)).normalize(), ",f")
    except (InvalidOperation, ValueError):
        return str(value)


def kpi_rows(detail: ProgrammeDetail) -> list[dict]:
    """The KPIs with baseline, target and actual written plainly (the actual empty when unset)."""
    return [
        {
            "kpi": k,
            "baseline": plain_number(k.baseline),
            "target": plain_number(k.target),
            "actual": plain_number(k.actual),
        }
        for k in detail.programme.kpis.all()
    ]


def milestone_timeline(detail: ProgrammeDetail, *, today: dt.date | None = None) -> list[TimelineItem]:
    """Milestones by due date, each marked done or overdue (not done, due date passed)."""
    as_of = plan_as_of(detail.programme.plan, today)
    return [
        TimelineItem(
            milestone=m,
            is_done=m.done_on is not None,
            is_overdue=m.done_on is None and m.due_date < as_of,
        )
        for m in sorted(detail.programme.milestones.all(), key=lambda m: (m.due_date, m.pk))
    ]


def update_history(detail: ProgrammeDetail) -> list[HistoryEntry]:
    """Each update with the milestone titles and KPI names it changed (newest first)."""
    milestones = {m.pk: m for m in detail.programme.milestones.all()}
    kpis = {str(k.pk): k for k in detail.programme.kpis.all()}
    entries = []
    for update in detail.updates:
        entry = HistoryEntry(update=update)
        for pk in update.milestones_done or []:
            milestone = milestones.get(int(pk))
            if milestone is not None:
                entry.milestones.append(milestone.title)
        for pk, value in (update.kpi_actuals or {}).items():
            kpi = kpis.get(str(pk))
            if kpi is not None:
                entry.kpis.append({"name": kpi.name, "value": plain_number(value), "unit": kpi.unit})
        entries.append(entry)
    return entries


def may_update(detail: ProgrammeDetail, *, staff: Staff | None, is_planner: bool) -> bool:
    """Owner, co-owner or planner, from what the detail holds (no query)."""
    if staff is None:
        return False
    programme = detail.programme
    return is_planner or programme.owner_id == staff.pk or any(c.pk == staff.pk for c in detail.co_owners)


def evidence_files(detail: ProgrammeDetail) -> list[dict]:
    """Every evidence file posted with an update, newest first, with its plain file name."""
    return [{"update": u, "name": u.evidence.name.rsplit("/", 1)[-1]} for u in detail.updates if u.evidence]


BurnupPoint = progress.BurnupPoint


def plan_burnup(overview) -> list[BurnupPoint]:
    """Month by month, the plan's weighted share of milestones due (planned) and done (actual),
    over the milestone-driven programmes: computed (and cached) with the overview's roll-up."""
    return overview.burnup
