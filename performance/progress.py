"""Progress and status arithmetic: pure functions over plain facts, no database.

Progress is computed, never typed, so the rules live here once and everything that shows a % or
a status (pages, snapshot, exports, reminders) calls them. Percentages are floats in 0–100.
"""

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from .models import Status


@dataclass(frozen=True)
class MilestoneFacts:
    due_date: dt.date
    weight: float
    done_on: dt.date | None = None
    title: str = ""

    def is_done(self, as_of: dt.date | None = None) -> bool:
        return self.done_on is not None and (as_of is None or self.done_on <= as_of)


@dataclass(frozen=True)
class KpiFacts:
    baseline: float
    target: float
    actual: float | None = None


@dataclass(frozen=True)
class ProgrammeState:
    """What a programme page, table row or snapshot row shows."""

    percent: float
    expected: float
    status: str
    override_reason: str = ""
    slipped: list[MilestoneFacts] = field(default_factory=list)

    @property
    def is_overridden(self) -> bool:
        return bool(self.override_reason)


def clamp(value: float, low: float = 0.0, high: float = 1.0) -> float:
    return max(low, min(high, value))


def milestone_percent(milestones: Sequence[MilestoneFacts], *, as_of: dt.date | None = None) -> float:
    """Weight-normalised share of milestones done (by ``as_of`` when given, e.g. a cut-off)."""
    total = sum(float(m.weight) for m in milestones)
    if total <= 0:
        return 0.0
    done = sum(float(m.weight) for m in milestones if m.is_done(as_of))
    return 100.0 * clamp(done / total)


def percent_shares(weights: Sequence[Decimal]) -> list[Decimal]:
    """Positive weights as two-decimal percentages in the same proportions, adding up to exactly
    100: each rounded (never below 0.01), the rounding remainder put on the largest. Used where
    milestones are carried over without the done ones (the rollover) and by the migration that
    turned relative weights into percentages."""
    if not weights:
        return []
    cent, total = Decimal("0.01"), sum((Decimal(w) for w in weights), Decimal(0))
    shares = [max(cent, (Decimal(w) * 100 / total).quantize(cent)) for w in weights]
    largest = max(range(len(shares)), key=shares.__getitem__)
    shares[largest] += Decimal(100) - sum(shares)
    return shares


def kpi_fraction(kpi: KpiFacts) -> float:
    """How far from baseline to target, 0–1; a decreasing target (오탐률 54 → 1) works the same."""
    if kpi.actual is None or kpi.target == kpi.baseline:
        return 0.0
    return clamp((float(kpi.actual) - float(kpi.baseline)) / (float(kpi.target) - float(kpi.baseline)))


def kpi_percent(kpis: Sequence[KpiFacts]) -> float:
    """The KPIs' average fraction, as a percentage (KPIs weigh the same)."""
    if not kpis:
        return 0.0
    return 100.0 * sum(kpi_fraction(k) for k in kpis) / len(kpis)


def rollup(parts: Iterable[tuple[float, float]]) -> float:
    """Weighted average of ``(weight, percent)`` pairs: a plan's or a department's %."""
    total = weighted = 0.0
    for weight, percent in parts:
        total += float(weight)
        weighted += float(weight) * float(percent)
    if total <= 0:
        return 0.0
    return clamp(weighted / total, 0.0, 100.0)


def year_elapsed_percent(*, year: int, as_of: dt.date) -> float:
    """The linear schedule: how much of the plan year has passed at the end of ``as_of``."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    days = (end - start).days + 1
    return 100.0 * clamp(((as_of - start).days + 1) / days)


def expected_percent(*, year: int, as_of: dt.date, milestones: Sequence[MilestoneFacts] = ()) -> float:
    """Where the programme should be by now: the weighted share of milestones due by ``as_of``,
    or, without milestones (a KPI-driven programme), linear through the year."""
    total = sum(float(m.weight) for m in milestones)
    if total <= 0:
        return year_elapsed_percent(year=year, as_of=as_of)
    due = sum(float(m.weight) for m in milestones if m.due_date <= as_of)
    return 100.0 * clamp(due / total)


def slipped_milestones(milestones: Sequence[MilestoneFacts], *, as_of: dt.date) -> list[MilestoneFacts]:
    """Milestones past their due date and not done by ``as_of``."""
    return [m for m in milestones if m.due_date < as_of and not m.is_done(as_of)]


def derive_status(
    *,
    percent: float,
    expected: float,
    margin: float,
    slipped: Sequence[MilestoneFacts] = (),
    override: str = "",
) -> str:
    """Done at 100 %; delayed with an overdue milestone; at risk when more than ``margin``
    points behind the expected schedule; otherwise on track. A planner's override wins."""
    if override:
        return override
    if percent >= 100.0 - 1e-9:
        return Status.DONE
    if slipped:
        return Status.DELAYED
    if expected - percent > float(margin):
        return Status.AT_RISK
    return Status.ON_TRACK


def programme_state(
    *,
    mode: str,
    year: int,
    margin: float,
    as_of: dt.date,
    milestones: Sequence[MilestoneFacts] = (),
    kpis: Sequence[KpiFacts] = (),
    override: str = "",
    override_reason: str = "",
) -> ProgrammeState:
    """The % and status of one programme on ``as_of``, from its facts."""
    if mode == "kpi":
        percent = kpi_percent(kpis)
        expected = year_elapsed_percent(year=year, as_of=as_of)
    else:
        percent = milestone_percent(milestones, as_of=as_of)
        expected = expected_percent(year=year, as_of=as_of, milestones=milestones)
    slipped = slipped_milestones(milestones, as_of=as_of)
    status = derive_status(
        percent=percent,
        expected=expected,
        margin=margin,
        slipped=slipped,
        override=override,
    )
    return ProgrammeState(
        percent=percent,
        expected=expected,
        status=status,
        override_reason=override_reason if override else "",
        slipped=slipped,
    )


def state_of(programme, *, as_of: dt.date) -> ProgrammeState:
    """``programme_state`` of a model instance. Reads ``programme.plan``, ``milestones`` and
    ``kpis`` through ``.all()``, so callers prefetch them to keep their query budget."""
    milestones = [
        MilestoneFacts(due_date=m.due_date, weight=float(m.weight), done_on=m.done_on, title=m.title)
        for m in programme.milestones.all()
    ]
    kpis = [
        KpiFacts(
            baseline=float(k.baseline),
            target=float(k.target),
            actual=None if k.actual is None else float(k.actual),
        )
        for k in programme.kpis.all()
    ]
    plan = programme.plan
    return programme_state(
        mode=programme.progress_mode,
        year=plan.year,
        margin=plan.at_risk_margin,
        as_of=as_of,
        milestones=milestones,
        kpis=kpis,
        override=programme.status_override,
        override_reason=programme.status_override_reason,
    )


@dataclass(frozen=True)
class BurnupPoint:
    month: int
    planned: float
    actual: float | None  # None for the months still ahead


def burnup(
    *, year: int, as_of: dt.date, programmes: Sequence[tuple[float, Sequence[MilestoneFacts]]]
) -> list[BurnupPoint]:
    """Month by month, the weighted share of milestones due (planned) and done (actual) over
    ``(programme weight, milestones)`` pairs; months after ``as_of`` have no actual."""
    import calendar

    points = []
    for month in range(1, 13):
        end = dt.date(year, month, calendar.monthrange(year, month)[1])
        planned = rollup((w, expected_percent(year=year, as_of=end, milestones=f)) for w, f in programmes)
        actual = None
        if (year, month) <= (as_of.year, as_of.month):
            day = min(end, as_of)
            actual = rollup((w, milestone_percent(f, as_of=day)) for w, f in programmes)
        points.append(BurnupPoint(month=month, planned=planned, actual=actual))
    return points
