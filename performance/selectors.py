"""Reads of the performance programme, each with a fixed query budget whatever the plan's size.

The overview computes every programme's % and status in Python from three queries (programmes
with their department and owner, milestones, KPIs): progress is derived, so it cannot be summed
in SQL, and 400 programmes × 10 milestones is small work for Python.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q
from django.utils import timezone

from intranet.directory.models import Department, Staff

from . import progress
from .models import KPI, Milestone, Plan, Programme, ProgressUpdate, Proposal, Snapshot, SnapshotRow, Status


@dataclass(frozen=True)
class ProgrammeRow:
    programme: Programme
    state: progress.ProgrammeState

    @property
    def percent(self) -> float:
        return self.state.percent

    @property
    def status(self) -> str:
        return self.state.status


@dataclass(frozen=True)
class DepartmentFigure:
    department: Department
    count: int
    percent: float


@dataclass
class PlanOverview:
    plan: Plan
    as_of: dt.date
    rows: list[ProgrammeRow]
    overall_percent: float
    by_origin: list[tuple[str, str, int]]  # (value, label, count), every origin, in order
    by_status: list[tuple[str, str, int]]
    by_department: list[DepartmentFigure] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.rows)


def plan_current(*, today: dt.date | None = None) -> Plan | None:
    """This year's plan, or the latest one there is (1 query)."""
    today = today or timezone.localdate()
    return (
        Plan.objects.filter(year__lte=today.year).order_by("-year").first()
        or Plan.objects.order_by("year").first()
    )


def programmes_with_progress(queryset=None):
    """Programmes with what ``progress.state_of`` reads: 3 queries, whatever the count."""
    queryset = Programme.objects.all() if queryset is None else queryset
    return queryset.select_related("plan", "department", "owner").prefetch_related(
        Prefetch("milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
        Prefetch("kpis", queryset=KPI.objects.order_by("order", "pk")),
    )


def _as_of(plan: Plan, today: dt.date | None) -> dt.date:
    """Inside the plan year: today, or the year's last day once it is over."""
    today = today or timezone.localdate()
    return min(max(today, dt.date(plan.year, 1, 1)), dt.date(plan.year, 12, 31))


def plan_overview(
    *, plan: Plan, today: dt.date | None = None, department: Department | None = None
) -> PlanOverview:
    """The plan at a glance: counts by origin, overall %, by status, by department (3 queries).

    With ``department``, the same figures for that department's programmes only (the
    department head's view)."""
    as_of = _as_of(plan, today)
    queryset = Programme.objects.filter(plan=plan)
    if department is not None:
        queryset = queryset.filter(department=department)
    programmes = list(programmes_with_progress(queryset).order_by("code"))
    rows = [ProgrammeRow(p, progress.state_of(p, as_of=as_of)) for p in programmes]
    origins = Counter(r.programme.origin for r in rows)
    statuses = Counter(r.status for r in rows)
    departments: dict[int, list[ProgrammeRow]] = defaultdict(list)
    for row in rows:
        departments[row.programme.department_id].append(row)
    by_department = sorted(
        (
            DepartmentFigure(
                department=parts[0].programme.department,
                count=len(parts),
                percent=progress.rollup((float(r.programme.weight), r.percent) for r in parts),
            )
            for parts in departments.values()
        ),
        key=lambda f: (f.department.sort_order, f.department.code),
    )
    return PlanOverview(
        plan=plan,
        as_of=as_of,
        rows=rows,
        overall_percent=progress.rollup((float(r.programme.weight), r.percent) for r in rows),
        by_origin=[(value, label, origins[value]) for value, label in Programme.Origin.choices],
        by_status=[(value, label, statuses[value]) for value, label in Status.choices],
        by_department=by_department,
    )


def my_programmes(
    *, staff: Staff, plan: Plan | None = None, today: dt.date | None = None
) -> list[ProgrammeRow]:
    """Programmes the person owns or co-owns (in ``plan``, or in every open plan), 3 queries."""
    queryset = Programme.objects.filter(Q(owner=staff) | Q(co_owners=staff)).distinct()
    queryset = queryset.filter(plan=plan) if plan is not None else queryset.filter(plan__is_closed=False)
    programmes = programmes_with_progress(queryset).order_by("-plan__year", "code")
    return [ProgrammeRow(p, progress.state_of(p, as_of=_as_of(p.plan, today))) for p in programmes]


@dataclass
class ProgrammeDetail:
    programme: Programme
    state: progress.ProgrammeState
    updates: list[ProgressUpdate]
    co_owners: list[Staff]


def programme_detail(*, programme_id: int, today: dt.date | None = None) -> ProgrammeDetail:
    """A programme with its KPIs, milestones, co-owners and update history (6 queries)."""
    programme = (
        programmes_with_progress(Programme.objects.filter(pk=programme_id))
        .select_related("previous_programme__plan", "proposal", "overridden_by")
        .prefetch_related(
            "co_owners",
            Prefetch(
                "updates",
                queryset=ProgressUpdate.objects.select_related("author").order_by("-created_at", "-pk"),
            ),
        )
        .get()
    )
    return ProgrammeDetail(
        programme=programme,
        state=progress.state_of(programme, as_of=_as_of(programme.plan, today)),
        updates=list(programme.updates.all()),
        co_owners=list(programme.co_owners.all()),
    )


@dataclass(frozen=True)
class SnapshotComparison:
    row: SnapshotRow
    now: progress.ProgrammeState

    @property
    def change(self) -> float:
        return self.now.percent - float(self.row.percent)


def snapshot_compare(*, snapshot: Snapshot, today: dt.date | None = None) -> list[SnapshotComparison]:
    """Each frozen row beside the programme as it stands today, for the meeting page (5 queries:
    rows with programme/department/owner, milestones, KPIs, action items with owners)."""
    as_of = _as_of(snapshot.plan, today)
    rows = (
        SnapshotRow.objects.filter(snapshot=snapshot)
        .select_related("programme__plan", "programme__department", "programme__owner", "department")
        .prefetch_related(
            Prefetch("programme__milestones", queryset=Milestone.objects.order_by("due_date", "pk")),
            Prefetch("programme__kpis", queryset=KPI.objects.order_by("order", "pk")),
            "action_items__owner",
        )
        .order_by("programme__code")
    )
    return [SnapshotComparison(row=r, now=progress.state_of(r.programme, as_of=as_of)) for r in rows]


def proposals_for_review(*, state: str = Proposal.State.SUBMITTED):
    """Proposals in one state, oldest first, with the people shown beside them (1 query)."""
    return (
        Proposal.objects.filter(status=state)
        .select_related("proposer__department", "decided_by", "merged_into")
        .order_by("submitted_at", "pk")
    )


def my_proposals(*, staff: Staff):
    """A person's proposals, newest first, with what became of them (2 queries)."""
    return (
        Proposal.objects.filter(proposer=staff)
        .select_related("merged_into", "decided_by")
        .prefetch_related(Prefetch("programmes", queryset=Programme.objects.select_related("plan")))
        .order_by("-submitted_at", "-pk")
    )
