"""Reads of the performance programme, each with a fixed query budget whatever the plan's size.

The overview computes every programme's % and status in Python (progress is derived: the rules
live once, in ``progress.py``) from three queries of plain tuples, not model instances, and
caches the result per plan and day until something in the plan changes (``cache.py``,
``signals.py``); a page view then reads the programmes (one query) and the cached roll-up.
"""

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch, Q
from django.utils import timezone

from intranet.caching import ProcessMemory
from intranet.directory.cache import directory_generation
from intranet.directory.models import Department, Staff
from intranet.directory.selectors import department_choice_labels
from intranet.kept_queries import KeptQuery

from . import cache as rollup_cache
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
    burnup: list[progress.BurnupPoint] = field(default_factory=list)

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


def plan_as_of(plan: Plan, today: dt.date | None = None) -> dt.date:
    """The day the plan's figures are measured on (public name of ``_as_of``)."""
    return _as_of(plan, today)


def _as_of(plan: Plan, today: dt.date | None) -> dt.date:
    """Inside the plan year: today, or the year's last day once it is over."""
    today = today or timezone.localdate()
    return min(max(today, dt.date(plan.year, 1, 1)), dt.date(plan.year, 12, 31))


@dataclass(frozen=True)
class PlanRollup:
    """What the plan page computes from milestones and KPIs: each programme's state and the
    burn-up. Cached per plan, day and department (``cache.py``); dropped on every change."""

    states: dict[int, progress.ProgrammeState]
    burnup: list[progress.BurnupPoint]


def _rollup_compute(*, plan: Plan, as_of: dt.date, department: Department | None) -> PlanRollup:
    """3 queries of plain tuples (programmes, milestones, KPIs): no model instances are built
    for the 4,000 milestones of a 400-programme plan."""
    programmes = Programme.objects.filter(plan=plan)
    if department is not None:
        programmes = programmes.filter(department=department)
    heads = list(
        programmes.values_list("pk", "progress_mode", "weight", "status_override", "status_override_reason")
    )
    milestones: dict[int, list[progress.MilestoneFacts]] = defaultdict(list)
    for programme_id, due_date, weight, done_on, title in (
        Milestone.objects.filter(programme__in=programmes)
        .order_by("due_date", "pk")
        .values_list("programme_id", "due_date", "weight", "done_on", "title")
    ):
        milestones[programme_id].append(
            progress.MilestoneFacts(due_date=due_date, weight=float(weight), done_on=done_on, title=title)
        )
    kpis: dict[int, list[progress.KpiFacts]] = defaultdict(list)
    for programme_id, baseline, target, actual in (
        KPI.objects.filter(programme__in=programmes)
        .order_by("order", "pk")
        .values_list("programme_id", "baseline", "target", "actual")
    ):
        kpis[programme_id].append(
            progress.KpiFacts(
                baseline=float(baseline),
                target=float(target),
                actual=None if actual is None else float(actual),
            )
        )
    states, burnup_parts = {}, []
    for pk, mode, weight, override, reason in heads:
        states[pk] = progress.programme_state(
            mode=mode,
            year=plan.year,
            margin=plan.at_risk_margin,
            as_of=as_of,
            milestones=milestones[pk],
            kpis=kpis[pk],
            override=override,
            override_reason=reason,
        )
        if mode == Programme.ProgressMode.MILESTONES and milestones[pk]:
            burnup_parts.append((float(weight), milestones[pk]))
    return PlanRollup(
        states=states, burnup=progress.burnup(year=plan.year, as_of=as_of, programmes=burnup_parts)
    )


def plan_rollup(*, plan: Plan, as_of: dt.date, department: Department | None = None) -> PlanRollup:
    """The roll-up from the cache, or computed (3 queries) and cached under the plan's version
    (``plan`` as just read: its ``rollup_version`` is part of the key)."""
    department_id = department.pk if department is not None else None
    key = rollup_cache.rollup_key(plan, as_of=as_of, department_id=department_id)
    rollup = _rollups.get(key)  # unpickling a 300-programme roll-up from the cache cost ~10 ms
    if rollup is None:
        rollup = cache.get(key)
        if rollup is None:
            rollup = _rollup_compute(plan=plan, as_of=as_of, department=department)
            cache.set(key, rollup, rollup_cache.TIMEOUT)
        _rollups.put(key, rollup)
    return rollup


# The roll-ups last read, in this process: the key holds the plan's version, so a kept one is
# never stale (a change makes a new key; the oldest fall out beyond the limit).
_rollups = ProcessMemory(16)


def plan_memory_clear() -> None:
    """Forget the roll-ups and plan pages kept in this process (tests: a rolled-back database
    gives a new plan the pk and version of an old one)."""
    _rollups.clear()
    _plan_pages.clear()


# What the plan page, its table, filters, charts and the Excel export read of each programme.
OVERVIEW_FIELDS = (
    "pk",
    "plan_id",
    "code",
    "title",
    "origin",
    "weight",
    "progress_mode",
    "status_override",
    "status_override_reason",
    "award_tier",
    "department_id",
    "owner_id",
    "department__name",
    "department__code",
    "department__sort_order",
    "department__parent__name",  # tells two departments of one name apart in the filter
    "owner__name",
    "owner__employee_number",
)


def plan_overview(
    *, plan: Plan, today: dt.date | None = None, department: Department | None = None
) -> PlanOverview:
    """The plan at a glance: counts by origin, overall %, by status, by department, burn-up.

    One query for the programmes (with department and owner) plus the roll-up's three when it
    is not cached. With ``department``, the same figures for that department's programmes only
    (the department head's view)."""
    as_of = _as_of(plan, today)
    rollup = plan_rollup(plan=plan, as_of=as_of, department=department)
    queryset = (
        Programme.objects.filter(plan=plan)
        .select_related("department__parent", "owner")
        .only(*OVERVIEW_FIELDS)
    )
    if department is not None:
        queryset = queryset.filter(department=department)
    rows = []
    for programme in queryset.order_by("code"):
        programme.plan = plan  # the same object for every row: no join, no copy per row
        state = rollup.states.get(programme.pk)
        if state is None:  # made after the roll-up was read: compute it the slow way
            state = progress.state_of(programme, as_of=as_of)
        rows.append(ProgrammeRow(programme, state))
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
        burnup=rollup.burnup,
    )


@dataclass(frozen=True)
class PlanPage:
    """What the plan page shows around its table, ready to use: the overview and the filter's
    department and owner choices (one per department and owner of the plan, 300 each at agency
    scale). Shared by the requests of one process: callers must not change it (copy ``rows``
    before sorting them)."""

    overview: PlanOverview
    departments: tuple[tuple[str, str], ...]  # (pk, label), in tree order
    owners: tuple[tuple[str, str], ...]  # (employee number, name), by name
    department_ids: frozenset[int]


# Keyed by everything the figures depend on: the plan's roll-up version (bumped in the same
# transaction as any change to the plan, its programmes, milestones, KPIs or updates,
# ``signals.py``), the day, the department, and the directory's generation (a renamed person or
# department). A change makes a new key, so a kept page is never stale; old keys fall out.
_plan_pages = ProcessMemory(16)


def plan_page(*, plan: Plan, department: Department | None = None, today: dt.date | None = None) -> PlanPage:
    """The plan page's figures from this process's memory, or ``plan_overview`` (1 query, plus
    the roll-up's 3 when it is not cached) and the filter choices computed once per version."""
    as_of = _as_of(plan, today)
    generation = directory_generation()
    key = (plan.pk, plan.rollup_version, as_of, department.pk if department else 0, generation)
    page = _plan_pages.get(key) if generation else None
    if page is None:
        overview = plan_overview(plan=plan, today=as_of, department=department)
        page = PlanPage(overview, *_filter_choices(overview.rows))
        if generation:  # no token (the cache is down): nothing is kept
            _plan_pages.put(key, page)
    return page


def _filter_choices(rows: list[ProgrammeRow]):
    """The department and owner choices of the plan's filter, from the rows (no query)."""
    departments, owners = {}, {}
    for row in rows:
        programme = row.programme
        departments[programme.department_id] = programme.department
        owners[programme.owner.employee_number] = programme.owner.name
    ordered = sorted(departments.items(), key=lambda i: (i[1].sort_order, i[1].name))
    labels = department_choice_labels(
        (d.name, d.code, d.parent.name if d.parent_id else "") for _pk, d in ordered
    )
    return (
        tuple((str(pk), label) for (pk, _d), label in zip(ordered, labels, strict=True)),
        tuple((key, name) for key, name in sorted(owners.items(), key=lambda i: (i[1], i[0]))),
        frozenset(departments),
    )


@dataclass(frozen=True)
class ProgrammeHead:
    """The columns of a programme that the dashboard's panel and the profile's section show (not
    a model instance with its plan, department and owner: neither needs them)."""

    pk: int
    code: str
    title: str
    award_tier: str
    owner_id: int


# The person's programmes in the open plans, with their plan's version, as plain columns
# compiled once a process (``intranet.kept_queries``): the panel is on every dashboard view.
PERSON_PROGRAMMES = KeptQuery(
    lambda staff: (
        Programme.objects.filter(Q(owner_id=staff) | Q(co_owners=staff), plan__is_closed=False)
        .distinct()  # an owner who co-owns too, or a programme with several co-owners: once
        .order_by("-plan__year", "code")
        .values_list(
            "pk",
            "code",
            "title",
            "award_tier",
            "owner_id",
            "plan_id",
            "plan__year",
            "plan__rollup_version",
            "plan__at_risk_margin",
        )
    ),
    "staff",
)


def person_programmes(*, staff_id: int, today: dt.date | None = None) -> list[ProgrammeRow]:
    """Programmes the person owns or co-owns in the open plans, newest plan first, with their %
    and status: the dashboard's "내 성과 과제" and the profile's section. One query, each state
    from the plan's roll-up kept under the version read in that same query (``plan_rollup``: a
    change to the plan's programmes, milestones, KPIs or updates bumps it), computed once (3
    queries) for every reader when it is not kept."""
    heads = PERSON_PROGRAMMES.rows(staff=staff_id)
    rollups: dict[int, PlanRollup] = {}
    rows = []
    for pk, code, title, award_tier, owner_id, plan_id, year, version, margin in heads:
        plan = Plan(pk=plan_id, year=year, rollup_version=version, at_risk_margin=margin)
        as_of = _as_of(plan, today)
        if plan_id not in rollups:
            rollups[plan_id] = plan_rollup(plan=plan, as_of=as_of)
        state = rollups[plan_id].states.get(pk)
        if state is None:  # not in the roll-up read (cannot happen under one version): the slow way
            state = progress.state_of(programmes_with_progress().get(pk=pk), as_of=as_of)
        rows.append(ProgrammeRow(ProgrammeHead(pk, code, title, award_tier, owner_id), state))
    return rows


@dataclass
class ProgrammeDetail:
    programme: Programme
    state: progress.ProgrammeState
    updates: list[ProgressUpdate]
    co_owners: list[Staff]


def _own_fields(model) -> list[str]:
    return [field.name for field in model._meta.concrete_fields]


# What the programme page shows of the records joined to a programme: compiling every column of
# seven tables (the owner's and the proposal's long rows among them) was a fifth of the page.
DETAIL_FIELDS = (
    *_own_fields(Programme),
    "plan__year",
    "plan__is_closed",
    "plan__at_risk_margin",
    "department__name",
    "owner__name",
    "owner__employee_number",
    "previous_programme__code",
    "previous_programme__title",
    "proposal__title",
    "overridden_by__name",
)
PERSON_FIELDS = ("id", "name", "employee_number")


def programme_detail_kept(*, programme_id: int, today: dt.date | None = None) -> ProgrammeDetail:
    """``programme_detail`` kept per programme, day and directory generation until a write of
    the performance module (``cache.programme_page_kept``): no query once kept. Shared by the
    requests of one process: callers must not change it."""
    generation = directory_generation()
    if not generation:  # no token (the cache is down): nothing is kept
        return programme_detail(programme_id=programme_id, today=today)
    as_of = (today or timezone.localdate()).isoformat()
    return rollup_cache.programme_page_kept(
        f"{int(programme_id)}:{as_of}:{generation}",
        lambda: programme_detail(programme_id=programme_id, today=today),
    )


def programme_detail(*, programme_id: int, today: dt.date | None = None) -> ProgrammeDetail:
    """A programme with its KPIs, milestones, co-owners and update history (6 queries)."""
    programme = (
        programmes_with_progress(Programme.objects.filter(pk=programme_id))
        .select_related("previous_programme", "proposal", "overridden_by")
        .only(*DETAIL_FIELDS)
        .prefetch_related(
            Prefetch("co_owners", queryset=Staff.objects.only(*PERSON_FIELDS)),
            Prefetch(
                "updates",
                queryset=ProgressUpdate.objects.select_related("author")
                .only(*_own_fields(ProgressUpdate), *(f"author__{name}" for name in PERSON_FIELDS))
                .order_by("-created_at", "-pk"),
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


def proposal_years() -> list[int]:
    """The years in which proposals were submitted, in the site's time zone (1 query)."""
    from django.db.models.functions import ExtractYear

    return sorted(
        set(Proposal.objects.annotate(y=ExtractYear("submitted_at")).values_list("y", flat=True)),
        reverse=True,
    )


def proposal_detail(*, pk: int) -> Proposal:
    """A proposal with its proposer, reviewer, merge target, the proposals merged into it and
    the programmes made from it (3 queries); ``Proposal.DoesNotExist`` when there is none."""
    return (
        Proposal.objects.select_related("proposer__department", "decided_by", "merged_into")
        .prefetch_related(
            Prefetch("programmes", queryset=Programme.objects.select_related("plan").order_by("plan__year")),
            Prefetch("merged_proposals", queryset=Proposal.objects.order_by("submitted_at", "pk")),
        )
        .get(pk=pk)
    )


def rolled_over(*, plan: Plan) -> list[Programme]:
    """The programmes copied from ``plan`` into the next year's plan, with their source (1 query)."""
    return list(
        Programme.objects.filter(plan__year=plan.year + 1, previous_programme__plan=plan)
        .select_related("previous_programme", "plan")
        .order_by("code")
    )


def snapshots_of(*, plan: Plan):
    """The plan's snapshots, newest cut-off first (1 query)."""
    return Snapshot.objects.filter(plan=plan).select_related("taken_by").order_by("-cut_off")


@dataclass(frozen=True)
class RankedEntry:
    entry: object
    score: float | None
    rank: int | None
    tier: str


def contest_entries(*, contest):
    """Entries with their programme, department and owner (1 query)."""
    from .models import Entry

    return (
        Entry.objects.filter(contest=contest)
        .select_related("programme__department", "programme__owner", "submitted_by")
        .order_by("programme__code")
    )


def contest_results(*, contest, tiers=None, criteria=None) -> list[RankedEntry]:
    """Every entry's per-judge-normalised score, rank and award tier (3 queries).

    Once the awards are decided the stored scores and ranks are shown; before that, the same
    arithmetic over the scores so far (a provisional ranking for the planner)."""
    from . import scoring
    from .models import Score

    tiers = scoring.DEFAULT_TIERS if tiers is None else tiers
    entries = {e.pk: e for e in contest_entries(contest=contest)}
    if contest.is_decided:
        ranked = sorted(entries.values(), key=lambda e: (e.rank is None, e.rank or 0, e.programme.code))
        return [
            RankedEntry(e, None if e.score is None else float(e.score), e.rank, e.programme.award_tier)
            for e in ranked
        ]
    criteria = contest.criteria.all() if criteria is None else criteria
    weights = {c.pk: float(c.weight) for c in criteria}
    by_judge: dict[int, dict[int, dict[int, float]]] = {}
    for score in Score.objects.filter(entry__contest=contest).only(
        "judge_id", "entry_id", "criterion_id", "value"
    ):
        by_judge.setdefault(score.judge_id, {}).setdefault(score.entry_id, {})[score.criterion_id] = float(
            score.value
        )
    totals = {
        judge: {entry: scoring.weighted_total(values, weights) for entry, values in per_entry.items()}
        for judge, per_entry in by_judge.items()
    }
    normalised = scoring.normalise(totals)
    ranked = scoring.rank(normalised)
    awarded = scoring.award_tiers(ranked, tiers)
    results = [RankedEntry(entries[e], normalised[e], r, awarded[e]) for e, r in ranked if e in entries]
    unscored = [e for pk, e in entries.items() if pk not in normalised]
    return results + [RankedEntry(e, None, None, "") for e in unscored]


def judge_assignments(*, contest, staff: Staff):
    """The entries this judge may score (not their own department's) and those they may not,
    each with the judge's scores so far keyed by criterion (3 queries)."""
    from .models import Judge, Score

    judge = Judge.objects.filter(contest=contest, staff=staff).first()
    entries = list(contest_entries(contest=contest))
    scores: dict[int, dict[int, float]] = defaultdict(dict)
    if judge is not None:
        for s in Score.objects.filter(judge=judge).only("entry_id", "criterion_id", "value"):
            scores[s.entry_id][s.criterion_id] = s.value
    mine = [e for e in entries if staff.department_id and e.programme.department_id == staff.department_id]
    return judge, [(e, scores.get(e.pk, {})) for e in entries if e not in mine], mine
