"""Writes of the performance programme: plans, programmes, progress, proposals, snapshots.

Every refusal is a ``PerformanceError`` with a Korean message saying what and where, raised
before anything is written (each service is one transaction).
"""

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.imports import (
    Column,
    ImportIssue,
    ImportRejected,
    RowChecker,
    import_archive_problem,
    import_file_problem,
    import_table_read,
    parse_import_date,
)
from intranet.directory.models import Department, Staff
from intranet.home.models import Notification
from intranet.home.services import notification_send
from intranet.korean import fill, format_korean_date
from intranet.roles import Role, has_role

from . import progress, scoring
from .cache import programme_pages_changed
from .models import (
    KPI,
    ActionItem,
    Contest,
    Criterion,
    Entry,
    Judge,
    Milestone,
    Plan,
    Programme,
    ProgressUpdate,
    Proposal,
    Score,
    Snapshot,
    SnapshotRow,
    Status,
)


class PerformanceError(ValidationError):
    """A refusal with a Korean message for the person (closed plan, not your programme …)."""


def is_planner(staff: Staff | None) -> bool:
    """Planners manage every programme; the role sits on the person's login account."""
    return bool(staff and staff.user_id and has_role(staff.user, Role.PLANNER))


def _require_planner(staff: Staff) -> None:
    if not is_planner(staff):
        raise PerformanceError(_("성과 기획자만 할 수 있는 작업입니다."))


def can_update_programme(*, programme: Programme, staff: Staff) -> bool:
    """The owner, a co-owner or a planner may post progress."""
    if programme.owner_id == staff.pk or is_planner(staff):
        return True
    return programme.co_owners.filter(pk=staff.pk).exists()


def _decimal(value, *, label: str) -> Decimal:
    try:
        number = Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError):
        raise PerformanceError(
            _("%(label)s 값이 숫자가 아닙니다: %(value)s") % {"label": label, "value": value}
        ) from None
    if not number.is_finite():
        raise PerformanceError(
            _("%(label)s 값이 숫자가 아닙니다: %(value)s") % {"label": label, "value": value}
        )
    if abs(number) >= 10**10:
        raise PerformanceError(_("%(label)s 값이 너무 큽니다: %(value)s") % {"label": label, "value": value})
    return number


def _pk(raw) -> int | None:
    """A form's id, or None when it is not one (the caller says what was wrong)."""
    try:
        return int(raw)
    except (TypeError, ValueError):
        return None


# ---------------------------------------------------------------------------------------------
# Plans and programmes.


@dataclass(frozen=True)
class MilestoneInput:
    """A milestone as given; ``weight`` is its share of the programme in % (a programme's
    milestones add up to 100, so a lone milestone carries the whole programme)."""

    title: str
    due_date: dt.date
    weight: Decimal | float | int = 100
    pk: int | None = None  # an existing milestone being changed


# A milestone's weight is the share (%) of its programme it carries; a programme's milestones add
# up to 100, with room for two-decimal shares of a split that does not divide evenly
# (3 × 33.33 = 99.99, 7 × 14.29 = 100.03).
MILESTONE_WEIGHT_TOTAL = Decimal(100)
MILESTONE_WEIGHT_TOLERANCE = Decimal("0.1")


def milestone_weights_problem(weights: Sequence[Decimal]) -> str | None:
    """The Korean reason why a programme's milestone weights are not percentages adding up to
    100, or None when they are (or when it has no milestones). Services, the spreadsheet import
    and the admin all ask this one function."""
    if not weights:
        return None
    total = sum(weights, Decimal(0))
    if abs(total - MILESTONE_WEIGHT_TOTAL) <= MILESTONE_WEIGHT_TOLERANCE:
        return None
    return _(
        "추진 일정 가중치는 과제에서 차지하는 비율(%%)이므로 합계가 100이어야 합니다 (지금 합계: %(total)s)."
    ) % {"total": format(total.normalize(), "f")}


@dataclass(frozen=True)
class KpiInput:
    name: str
    baseline: Decimal | float | int
    target: Decimal | float | int
    unit: str = ""
    actual: Decimal | float | int | None = None
    pk: int | None = None


@transaction.atomic
def plan_create(*, year: int, title: str = "", at_risk_margin: int = 10) -> Plan:
    if Plan.objects.filter(year=year).exists():
        raise PerformanceError(_("%(year)s년 계획이 이미 있습니다.") % {"year": year})
    if not 0 <= at_risk_margin <= 100:
        raise PerformanceError(_("주의 기준은 0에서 100 사이의 %p로 적습니다."))
    title = title or _("%(year)s년 성과업무 프로그램") % {"year": year}
    return Plan.objects.create(year=year, title=title, at_risk_margin=at_risk_margin)


def _check_open_plan(plan: Plan) -> None:
    if plan.is_closed:
        raise PerformanceError(_("%(year)s년 계획은 마감되어 바꿀 수 없습니다.") % {"year": plan.year})


def _clean_milestones(
    plan: Plan, milestones: Sequence[MilestoneInput]
) -> list[tuple[MilestoneInput, Decimal]]:
    """Weights positive and adding up to 100 (%), due dates inside the plan year; the message
    names the milestone."""
    cleaned = []
    for number, m in enumerate(milestones, start=1):
        where = {"number": number, "title": m.title or "-"}
        if not m.title.strip():
            raise PerformanceError(_("%(number)s번째 추진 일정의 이름이 비어 있습니다.") % where)
        weight = _decimal(m.weight, label=_("추진 일정 가중치"))
        if weight <= 0:
            raise PerformanceError(
                _("%(number)s번째 추진 일정 '%(title)s'의 가중치는 0보다 커야 합니다 (받은 값: %(weight)s).")
                % {**where, "weight": weight}
            )
        if m.due_date.year != plan.year:
            message = _(
                "%(number)s번째 추진 일정 '%(title)s'의 완료 예정일 %(date)s이(가) %(year)s년 밖입니다."
            )
            values = {**where, "date": format_korean_date(m.due_date), "year": plan.year}
            raise PerformanceError(fill(message, values))
        cleaned.append((m, weight))
    problem = milestone_weights_problem([w for _m, w in cleaned])
    if problem:
        raise PerformanceError(problem)
    return cleaned


def _clean_kpis(kpis: Sequence[KpiInput]) -> list[tuple[KpiInput, Decimal, Decimal, Decimal | None]]:
    cleaned = []
    for number, k in enumerate(kpis, start=1):
        where = {"number": number, "name": k.name or "-"}
        if not k.name.strip():
            raise PerformanceError(_("%(number)s번째 성과지표의 이름이 비어 있습니다.") % where)
        baseline = _decimal(k.baseline, label=_("기준값"))
        target = _decimal(k.target, label=_("목표값"))
        actual = None if k.actual in (None, "") else _decimal(k.actual, label=_("실적값"))
        if target == baseline:
            raise PerformanceError(
                _(
                    "성과지표 '%(name)s'의 목표값이 기준값(%(baseline)s)과 같습니다. "
                    "목표를 기준과 다르게 적어 주세요."
                )
                % {**where, "baseline": baseline}
            )
        cleaned.append((k, baseline, target, actual))
    return cleaned


def _check_mode(mode: str, *, milestones: int, kpis: int) -> None:
    if mode == Programme.ProgressMode.KPI and not kpis:
        raise PerformanceError(_("성과지표로 진척률을 산정하는 과제에는 성과지표가 하나 이상 있어야 합니다."))
    if mode == Programme.ProgressMode.MILESTONES and not milestones:
        raise PerformanceError(
            _("추진 일정으로 진척률을 산정하는 과제에는 추진 일정이 하나 이상 있어야 합니다.")
        )


def _check_source(*, plan: Plan, origin: str, proposal: Proposal | None, previous: Programme | None) -> None:
    if proposal is not None and proposal.status != Proposal.State.ACCEPTED:
        raise PerformanceError(_("채택된 제안만 과제로 만들 수 있습니다."))
    if previous is not None and previous.plan.year >= plan.year:
        raise PerformanceError(_("전년도 과제는 이 계획보다 앞선 해의 과제여야 합니다."))
    if origin == Programme.Origin.PROPOSAL and proposal is None:
        raise PerformanceError(_("직원 제안 과제에는 근거가 된 제안을 연결해 주세요."))


@transaction.atomic
def programme_create(
    *,
    plan: Plan,
    code: str,
    title: str,
    department: Department,
    owner: Staff,
    origin: str = Programme.Origin.ONGOING,
    co_owners: Sequence[Staff] = (),
    description: str = "",
    weight: Decimal | float | int = 1,
    progress_mode: str = Programme.ProgressMode.MILESTONES,
    evaluation_item: str = "",
    previous_programme: Programme | None = None,
    proposal: Proposal | None = None,
    milestones: Sequence[MilestoneInput] = (),
    kpis: Sequence[KpiInput] = (),
) -> Programme:
    """A programme with its milestones and KPIs, validated as a whole before anything is saved."""
    _check_open_plan(plan)
    code, title = code.strip(), title.strip()
    if not code or not title:
        raise PerformanceError(_("과제코드와 과제명을 모두 적어 주세요."))
    if Programme.objects.filter(plan=plan, code=code).exists():
        raise PerformanceError(fill(_("과제코드 %(code)s은(는) 이 계획에 이미 있습니다."), {"code": code}))
    weight = _decimal(weight, label=_("가중치"))
    if weight <= 0:
        raise PerformanceError(
            _("과제 가중치는 0보다 커야 합니다 (받은 값: %(weight)s).") % {"weight": weight}
        )
    clean_milestones, clean_kpis = _clean_milestones(plan, milestones), _clean_kpis(kpis)
    _check_mode(progress_mode, milestones=len(clean_milestones), kpis=len(clean_kpis))
    _check_source(plan=plan, origin=origin, proposal=proposal, previous=previous_programme)
    programme = Programme.objects.create(
        plan=plan,
        code=code,
        title=title,
        origin=origin,
        department=department,
        owner=owner,
        description=description,
        weight=weight,
        progress_mode=progress_mode,
        evaluation_item=evaluation_item,
        previous_programme=previous_programme,
        proposal=proposal,
    )
    if co_owners:
        programme.co_owners.set(co_owners)
    Milestone.objects.bulk_create(
        Milestone(programme=programme, title=m.title.strip(), due_date=m.due_date, weight=w)
        for m, w in clean_milestones
    )
    KPI.objects.bulk_create(
        KPI(programme=programme, name=k.name.strip(), unit=k.unit, baseline=b, target=t, actual=a, order=i)
        for i, (k, b, t, a) in enumerate(clean_kpis)
    )
    return programme


PROGRAMME_EDITABLE_FIELDS = (
    "title",
    "origin",
    "department",
    "owner",
    "description",
    "weight",
    "progress_mode",
    "evaluation_item",
)


@transaction.atomic
def programme_update(
    *,
    programme: Programme,
    changes: dict | None = None,
    co_owners: Sequence[Staff] | None = None,
    milestones: Sequence[MilestoneInput] | None = None,
    kpis: Sequence[KpiInput] | None = None,
) -> Programme:
    """Change a programme's fields and, when given, replace its milestone and KPI lists.

    Items with a ``pk`` are changed, new ones added, missing ones removed; a milestone already
    done cannot be removed (its completion is history). KPI actuals come only from progress
    updates, so an edit keeps them.
    """
    programme = Programme.objects.select_for_update().select_related("plan").get(pk=programme.pk)
    plan = programme.plan
    _check_open_plan(plan)
    changes = dict(changes or {})
    unknown = set(changes) - set(PROGRAMME_EDITABLE_FIELDS)
    if unknown:
        raise PerformanceError(
            _("바꿀 수 없는 항목입니다: %(fields)s") % {"fields": ", ".join(sorted(unknown))}
        )
    if "weight" in changes:
        changes["weight"] = _decimal(changes["weight"], label=_("가중치"))
        if changes["weight"] <= 0:
            raise PerformanceError(
                _("과제 가중치는 0보다 커야 합니다 (받은 값: %(weight)s).") % {"weight": changes["weight"]}
            )
    if "title" in changes and not str(changes["title"]).strip():
        raise PerformanceError(_("과제코드와 과제명을 모두 적어 주세요."))
    existing_m = {m.pk: m for m in programme.milestones.all()}
    existing_k = {k.pk: k for k in programme.kpis.all()}
    clean_m = _clean_milestones(plan, milestones) if milestones is not None else None
    clean_k = _clean_kpis(kpis) if kpis is not None else None
    for given, existing in ((clean_m, existing_m), (clean_k, existing_k)):
        for item in given or ():
            if item[0].pk is not None and item[0].pk not in existing:
                raise PerformanceError(_("이 과제에 속하지 않은 항목은 고칠 수 없습니다."))
    if clean_m is not None:
        kept = {m.pk for m, _w in clean_m if m.pk}
        gone = [m for pk, m in existing_m.items() if pk not in kept]
        for m in gone:
            if m.done_on:
                raise PerformanceError(
                    fill(_("완료한 추진 일정 '%(title)s'은(는) 지울 수 없습니다."), {"title": m.title})
                )
    mode = changes.get("progress_mode", programme.progress_mode)
    _check_mode(
        mode,
        milestones=len(clean_m) if clean_m is not None else len(existing_m),
        kpis=len(clean_k) if clean_k is not None else len(existing_k),
    )
    for name, value in changes.items():
        setattr(programme, name, value.strip() if isinstance(value, str) else value)
    programme.save()
    if co_owners is not None:
        programme.co_owners.set(co_owners)
    if clean_m is not None:
        Milestone.objects.filter(pk__in=[m.pk for m in gone]).delete()
        for m, weight in clean_m:
            row = existing_m.get(m.pk) or Milestone(programme=programme)
            row.title, row.due_date, row.weight = m.title.strip(), m.due_date, weight
            row.save()
    if clean_k is not None:
        KPI.objects.filter(programme=programme).exclude(pk__in=[k.pk for k, *_r in clean_k if k.pk]).delete()
        for order, (k, baseline, target, _actual) in enumerate(clean_k):
            row = existing_k.get(k.pk) or KPI(programme=programme)
            row.name, row.unit, row.baseline, row.target, row.order = (
                k.name.strip(),
                k.unit,
                baseline,
                target,
                order,
            )
            row.save()
    return programme


# ---------------------------------------------------------------------------------------------
# Progress.


@transaction.atomic
def progress_update_post(
    *,
    programme: Programme,
    author: Staff,
    comment: str = "",
    kpi_actuals: dict | None = None,
    milestones_done: Sequence[int] = (),
    evidence=None,
    today: dt.date | None = None,
) -> ProgressUpdate:
    """Mark milestones done, set KPI actuals and record the append-only update, all or nothing."""
    programme = Programme.objects.select_for_update().select_related("plan").get(pk=programme.pk)
    if not can_update_programme(programme=programme, staff=author):
        raise PerformanceError(_("담당하는 과제만 실적을 등록할 수 있습니다."))
    if programme.plan.is_closed:
        raise PerformanceError(
            _("%(year)s년 계획이 마감되어 실적을 등록할 수 없습니다.") % {"year": programme.plan.year}
        )
    today = today or timezone.localdate()
    milestones = {m.pk: m for m in programme.milestones.all()}
    kpis = {k.pk: k for k in programme.kpis.all()}
    done_ids = []
    for raw in milestones_done:
        milestone = milestones.get(_pk(raw))
        if milestone is None:
            raise PerformanceError(_("이 과제에 없는 추진 일정입니다."))
        if milestone.done_on:
            raise PerformanceError(
                fill(
                    _("추진 일정 '%(title)s'은(는) 이미 완료로 등록되어 있습니다."),
                    {"title": milestone.title},
                )
            )
        done_ids.append(milestone.pk)
    actuals = {}
    for raw_pk, raw_value in (kpi_actuals or {}).items():
        kpi = kpis.get(_pk(raw_pk))
        if kpi is None:
            raise PerformanceError(_("이 과제에 없는 성과지표입니다."))
        actuals[kpi.pk] = _decimal(raw_value, label=kpi.name)
    comment = (comment or "").strip()
    if not (done_ids or actuals or comment or evidence):
        raise PerformanceError(_("완료한 일정, 지표 실적, 추진 내용, 증빙 중 하나는 있어야 합니다."))
    Milestone.objects.filter(pk__in=done_ids).update(done_on=today)
    for pk, value in actuals.items():
        KPI.objects.filter(pk=pk).update(actual=value)
    update = ProgressUpdate(
        programme=programme,
        author=author,
        comment=comment,
        kpi_actuals={str(pk): str(value) for pk, value in actuals.items()},
        milestones_done=done_ids,
    )
    if evidence:
        update.evidence = evidence
    update.save()
    return update


@transaction.atomic
def status_override_set(*, programme: Programme, by: Staff, status: str, reason: str) -> Programme:
    """A planner sets (or, with an empty status, clears) the status; the reason is required and
    also kept in the programme's history as an update."""
    _require_planner(by)
    reason = (reason or "").strip()
    if status and status not in Status.values:
        raise PerformanceError(_("알 수 없는 상태입니다: %(status)s") % {"status": status})
    if not reason:
        raise PerformanceError(_("상태를 지정하거나 해제할 때는 사유를 적어야 합니다."))
    programme = Programme.objects.select_for_update().get(pk=programme.pk)
    programme.status_override = status
    programme.status_override_reason = reason if status else ""
    programme.overridden_by = by if status else None
    programme.overridden_at = timezone.now() if status else None
    programme.save(
        update_fields=["status_override", "status_override_reason", "overridden_by", "overridden_at"]
    )
    if status:
        note = fill(
            _("상태를 '%(status)s'(으)로 지정: %(reason)s"),
            {
                "status": Status(status).label,
                "reason": reason,
            },
        )
    else:
        note = _("상태 지정 해제: %(reason)s") % {"reason": reason}
    ProgressUpdate.objects.create(programme=programme, author=by, comment=note)
    return programme


# ---------------------------------------------------------------------------------------------
# Proposals.


@transaction.atomic
def proposal_submit(*, proposer: Staff, title: str, body: str) -> Proposal:
    title, body = (title or "").strip(), (body or "").strip()
    if not title or not body:
        raise PerformanceError(_("제안 제목과 내용을 모두 적어 주세요."))
    return Proposal.objects.create(proposer=proposer, title=title[:200], body=body)


def _decided_proposal(proposal: Proposal) -> Proposal:
    proposal = Proposal.objects.select_for_update().select_related("proposer").get(pk=proposal.pk)
    if proposal.status != Proposal.State.SUBMITTED:
        raise PerformanceError(
            _("이미 검토한 제안입니다 (%(status)s).") % {"status": proposal.get_status_display()}
        )
    return proposal


def _echo_decision(given: Proposal, proposal: Proposal) -> None:
    """The caller's instance sees the decision too (services lock and reload their own copy)."""
    for name in ("status", "merged_into_id", "decision_reason", "decided_by_id", "decided_at"):
        setattr(given, name, getattr(proposal, name))


def _notify_proposer(proposal: Proposal, *, event: str, title: str) -> None:
    notification_send(
        recipient=proposal.proposer,
        key=f"performance:proposal:{proposal.pk}:{event}",
        title=title,
        body=proposal.decision_reason,
    )


@transaction.atomic
def proposal_decide(*, proposal: Proposal, by: Staff, accept: bool, reason: str) -> Proposal:
    """Accept or decline with a reason; the proposer is notified once for the decision."""
    _require_planner(by)
    reason = (reason or "").strip()
    if not reason:
        raise PerformanceError(_("채택 또는 미채택 사유를 적어 주세요."))
    given, proposal = proposal, _decided_proposal(proposal)
    proposal.status = Proposal.State.ACCEPTED if accept else Proposal.State.DECLINED
    proposal.decision_reason, proposal.decided_by, proposal.decided_at = reason, by, timezone.now()
    proposal.save()
    _echo_decision(given, proposal)
    if accept:
        title = fill(_("제안 '%(title)s'이(가) 채택되었습니다."), {"title": proposal.title})
    else:
        title = fill(_("제안 '%(title)s'이(가) 채택되지 않았습니다."), {"title": proposal.title})
    _notify_proposer(proposal, event="decision", title=title)
    return proposal


@transaction.atomic
def proposal_merge(*, proposal: Proposal, into: Proposal, by: Staff, reason: str = "") -> Proposal:
    """Fold a duplicate into another proposal; its proposer is told where it went."""
    _require_planner(by)
    if proposal.pk == into.pk:
        raise PerformanceError(_("제안을 자기 자신과 통합할 수 없습니다."))
    into = Proposal.objects.select_for_update().get(pk=into.pk)
    if into.status not in (Proposal.State.SUBMITTED, Proposal.State.ACCEPTED):
        raise PerformanceError(_("접수되었거나 채택된 제안에만 통합할 수 있습니다."))
    given, proposal = proposal, _decided_proposal(proposal)
    proposal.status, proposal.merged_into = Proposal.State.MERGED, into
    proposal.decision_reason = (reason or "").strip() or _("비슷한 제안 '%(title)s'에 통합했습니다.") % {
        "title": into.title
    }
    proposal.decided_by, proposal.decided_at = by, timezone.now()
    proposal.save()
    _echo_decision(given, proposal)
    title = fill(_("제안 '%(title)s'이(가) 다른 제안과 통합되었습니다."), {"title": proposal.title})
    _notify_proposer(proposal, event="decision", title=title)
    return proposal


# ---------------------------------------------------------------------------------------------
# Mid-year snapshot.


def _plan_programmes(plan: Plan):
    """Every programme of the plan with what ``progress.state_of`` reads (fixed query count)."""
    return (
        Programme.objects.filter(plan=plan)
        .select_related("plan", "department", "owner")
        .prefetch_related("milestones", "kpis")
        .order_by("code")
    )


@transaction.atomic
def snapshot_take(*, plan: Plan, by: Staff, cut_off: dt.date) -> Snapshot:
    """Freeze every programme's %, status, KPI values, slipped milestones and latest comment.

    Milestones count as done only if done by the cut-off; KPI actuals and the comment are the
    latest known when the snapshot is taken (the meeting takes it at the cut-off)."""
    _require_planner(by)
    if cut_off.year != plan.year:
        raise PerformanceError(
            fill(
                _("기준일 %(date)s이(가) %(year)s년 밖입니다."),
                {"date": format_korean_date(cut_off), "year": plan.year},
            )
        )
    if Snapshot.objects.filter(plan=plan, cut_off=cut_off).exists():
        raise PerformanceError(
            _("%(date)s 기준 스냅숏이 이미 있습니다. 스냅숏은 고칠 수 없습니다.")
            % {"date": format_korean_date(cut_off)}
        )
    latest_comment = (
        ProgressUpdate.objects.filter(programme=OuterRef("pk"))
        .exclude(comment="")
        .order_by("-created_at", "-pk")
        .values("comment")[:1]
    )
    programmes = list(_plan_programmes(plan).annotate(latest_comment=Subquery(latest_comment)))
    rows, parts = [], []
    for programme in programmes:
        state = progress.state_of(programme, as_of=cut_off)
        parts.append((float(programme.weight), state.percent))
        rows.append(
            SnapshotRow(
                programme=programme,
                department_id=programme.department_id,
                weight=programme.weight,
                percent=Decimal(str(round(state.percent, 1))),
                status=state.status,
                kpi_values=[
                    {
                        "name": k.name,
                        "unit": k.unit,
                        "baseline": str(k.baseline),
                        "target": str(k.target),
                        "actual": None if k.actual is None else str(k.actual),
                    }
                    for k in programme.kpis.all()
                ],
                slipped_milestones=[
                    {"title": m.title, "due_date": m.due_date.isoformat(), "weight": m.weight}
                    for m in state.slipped
                ],
                owner_comment=programme.latest_comment or "",
            )
        )
    try:
        snapshot = Snapshot.objects.create(
            plan=plan,
            cut_off=cut_off,
            taken_by=by,
            overall_percent=Decimal(str(round(progress.rollup(parts), 1))),
        )
    except IntegrityError:  # a concurrent second click
        raise PerformanceError(_("이 기준일의 스냅숏이 이미 있습니다.")) from None
    for row in rows:
        row.snapshot = snapshot
    SnapshotRow.objects.bulk_create(rows, batch_size=500)
    return snapshot


@transaction.atomic
def action_item_add(
    *, row: SnapshotRow, by: Staff, title: str, owner: Staff, due_date: dt.date
) -> ActionItem:
    """An action agreed at the mid-year meeting for one programme (the snapshot stays frozen)."""
    _require_planner(by)
    title = (title or "").strip()
    if not title:
        raise PerformanceError(_("조치 사항을 적어 주세요."))
    if due_date < row.snapshot.cut_off:
        raise PerformanceError(_("조치 기한은 스냅숏 기준일 이후여야 합니다."))
    return ActionItem.objects.create(snapshot_row=row, title=title[:300], owner=owner, due_date=due_date)


@transaction.atomic
def action_item_status_set(*, item: ActionItem, by: Staff, status: str) -> ActionItem:
    """The action's owner or a planner moves it along."""
    if item.owner_id != by.pk and not is_planner(by):
        raise PerformanceError(_("조치 사항의 담당자나 성과 기획자만 상태를 바꿀 수 있습니다."))
    if status not in ActionItem.State.values:
        raise PerformanceError(_("알 수 없는 상태입니다: %(status)s") % {"status": status})
    item.status = status
    item.save(update_fields=["status"])
    return item


# ---------------------------------------------------------------------------------------------
# Import of the planning spreadsheet.

PROGRAMME_COLUMNS = (
    Column("code", "과제코드", ("code", "programme_code"), required=True),
    Column("title", "과제명", ("title", "programme_title", "name"), required=True),
    Column("origin", "유형", ("origin", "type", "과제유형")),
    Column("department_code", "부서코드", ("department_code", "dept_code", "주관부서코드"), required=True),
    Column(
        "owner_employee_number", "담당자사번", ("owner", "owner_employee_number", "담당자"), required=True
    ),
    Column("co_owner_numbers", "공동담당자사번", ("co_owners", "co_owner_employee_numbers")),
    Column("weight", "가중치", ("weight",)),
    Column("progress_mode", "진척률산정", ("progress_mode", "산정방식")),
    Column("evaluation_item", "평가지적사항", ("evaluation_item", "평가환류내용")),
    Column("previous_code", "전년도과제코드", ("previous_code", "previous_programme")),
    Column("description", "과제개요", ("description", "개요")),
    Column("milestones", "추진일정", ("milestones", "추진 일정")),
)
MILESTONE_CELL_SPLIT = re.compile(r"[;\n]")
ORIGIN_BY_TEXT = {
    **{str(label).replace(" ", ""): value for value, label in Programme.Origin.choices},
    **{value: value for value in Programme.Origin.values},
    "평가환류": Programme.Origin.FEEDBACK,
    "제안": Programme.Origin.PROPOSAL,
    "계속": Programme.Origin.ONGOING,
}
MODE_BY_TEXT = {
    **{str(label).replace(" ", ""): value for value, label in Programme.ProgressMode.choices},
    **{value: value for value in Programme.ProgressMode.values},
    "일정": Programme.ProgressMode.MILESTONES,
    "지표": Programme.ProgressMode.KPI,
}


@dataclass
class ProgrammeImportResult:
    created: list[Programme]
    issues: list[ImportIssue]


def _import_milestones(check: RowChecker, *, plan: Plan) -> list[tuple[MilestoneInput, Decimal]]:
    """The cell 추진일정: one milestone a line (or separated by ';'), each written
    '이름 | 완료예정일 | 가중치(%)'. The services' own check (``_clean_milestones``) decides the
    rest, so the weights must add up to 100 here too."""
    parts = [p.strip() for p in MILESTONE_CELL_SPLIT.split(check.values.get("milestones", ""))]
    given, refused = [], []
    for number, part in enumerate(filter(None, parts), start=1):
        where = {"number": number, "value": part}
        pieces = [piece.strip() for piece in part.split("|")]
        if len(pieces) != 3:
            refused.append(
                fill(
                    _("%(number)s번째 추진 일정 '%(value)s'은(는) '이름 | 완료예정일 | 가중치'로 적습니다."),
                    where,
                )
            )
            continue
        title, due_text, weight = pieces
        if len(title) > Milestone._meta.get_field("title").max_length:
            refused.append(_("%(number)s번째 추진 일정의 이름이 너무 깁니다.") % where)
            continue
        try:
            given.append(MilestoneInput(title, parse_import_date(due_text), weight))
        except ValueError:
            refused.append(
                fill(
                    _("%(number)s번째 추진 일정의 완료예정일 '%(value)s'을(를) 날짜로 읽을 수 없습니다."),
                    {**where, "value": due_text},
                )
            )
    if not refused and given:
        try:
            return _clean_milestones(plan, given)
        except PerformanceError as refusal:
            refused.append(refusal.messages[0])
    for message in refused:
        check.error("milestones", message)
    return []


def _import_row(check: RowChecker, *, lookups: dict, seen: dict[str, int]) -> dict | None:
    """The programme values of one row, or None when the row has errors."""
    values = {"code": check.text("code", model=Programme, required=True)}
    if values["code"]:
        check.unique("code", values["code"], seen)
        if values["code"] in lookups["existing_codes"]:
            check.error(
                "code", fill(_("과제코드 %(code)s은(는) 이 계획에 이미 있습니다."), {"code": values["code"]})
            )
    values["title"] = check.text("title", model=Programme, required=True)
    for name in ("evaluation_item", "description"):
        values[name] = check.text(name, model=Programme)
    origin = check.values.get("origin", "")
    values["origin"] = ORIGIN_BY_TEXT.get(origin.replace(" ", ""), "") if origin else Programme.Origin.ONGOING
    if not values["origin"]:
        check.error(
            "origin",
            fill(
                _("유형 '%(value)s'을(를) 알 수 없습니다. %(choices)s 중 하나로 적어 주세요."),
                {"value": origin, "choices": ", ".join(str(label) for label in Programme.Origin.labels)},
            ),
        )
    mode = check.values.get("progress_mode", "")
    values["progress_mode"] = (
        MODE_BY_TEXT.get(mode.replace(" ", ""), "") if mode else Programme.ProgressMode.MILESTONES
    )
    if not values["progress_mode"]:
        check.error(
            "progress_mode",
            fill(_("진척률산정 '%(value)s'은(는) '추진 일정' 또는 '성과지표'로 적습니다."), {"value": mode}),
        )
    code = check.text("department_code", model=Department, required=True, model_field="code")
    values["department"] = lookups["departments"].get(code)
    if code and values["department"] is None:
        check.error("department_code", _("부서코드 %(code)s인 부서가 없습니다.") % {"code": code})
    number = check.values.get("owner_employee_number", "")
    values["owner"] = lookups["staff"].get(number)
    if not number:
        check.error(
            "owner_employee_number",
            _("%(column)s 값이 비어 있습니다.") % {"column": check.column("owner_employee_number")},
        )
    elif values["owner"] is None:
        check.error("owner_employee_number", _("사번 %(value)s인 재직 직원이 없습니다.") % {"value": number})
    values["co_owners"] = []
    for co_number in filter(None, (n.strip() for n in check.values.get("co_owner_numbers", "").split(","))):
        staff = lookups["staff"].get(co_number)
        if staff is None:
            check.error(
                "co_owner_numbers", _("사번 %(value)s인 재직 직원이 없습니다.") % {"value": co_number}
            )
        else:
            values["co_owners"].append(staff)
    weight_text = check.values.get("weight", "") or "1"
    try:
        values["weight"] = _decimal(weight_text, label=check.column("weight"))
        if values["weight"] <= 0:
            check.error(
                "weight", _("가중치는 0보다 커야 합니다 (받은 값: %(value)s).") % {"value": weight_text}
            )
    except PerformanceError:
        check.error("weight", _("가중치가 숫자가 아닙니다: %(value)s") % {"value": weight_text})
    previous = check.values.get("previous_code", "")
    values["previous_programme"] = lookups["previous"].get(previous) if previous else None
    if previous and values["previous_programme"] is None:
        check.error(
            "previous_code", _("전년도 계획에 과제코드 %(code)s인 과제가 없습니다.") % {"code": previous}
        )
    values["milestones"] = _import_milestones(check, plan=lookups["plan"])
    return values if check.ok else None


def programme_import(*, plan: Plan, path: Path) -> ProgrammeImportResult:
    """Import the planning spreadsheet (CSV or XLSX): every row is checked first, then all rows
    are written in one transaction, or none. Raises ``ImportRejected`` with the row, column and
    Korean reason of every problem. The optional column 추진일정 gives each programme its
    milestones (weights in % adding up to 100); KPIs are added per programme afterwards."""
    _check_open_plan(plan)
    with path.open("rb") as handle:
        head = handle.read(8192)
    problem = import_file_problem(file_name=path.name, size=path.stat().st_size, head=head)
    problem = problem or import_archive_problem(path)  # an XLSX bomb is refused before parsing
    if problem:
        raise ImportRejected([ImportIssue(None, "", problem)])
    table = import_table_read(path=path, columns=PROGRAMME_COLUMNS)
    cells = [
        c
        for _n, row in table.rows
        for c in (row.get("owner_employee_number", ""), *row.get("co_owner_numbers", "").split(","))
    ]
    lookups = {
        "plan": plan,
        "existing_codes": set(Programme.objects.filter(plan=plan).values_list("code", flat=True)),
        "departments": {
            d.code: d
            for d in Department.objects.filter(code__in={r.get("department_code") for _n, r in table.rows})
        },
        "staff": {
            s.employee_number: s
            for s in Staff.objects.filter(
                is_active=True, employee_number__in={c.strip() for c in cells if c.strip()}
            )
        },
        "previous": {p.code: p for p in Programme.objects.filter(plan__year=plan.year - 1)},
    }
    issues: list[ImportIssue] = []
    seen: dict[str, int] = {}
    rows = []
    for number, row in table.rows:
        check = RowChecker(number=number, values=row, table=table, columns=PROGRAMME_COLUMNS, issues=issues)
        values = _import_row(check, lookups=lookups, seen=seen)
        if values is not None:
            rows.append(values)
    if issues:
        raise ImportRejected(issues)
    created = []
    with transaction.atomic():
        for values in rows:
            co_owners, milestones = values.pop("co_owners"), values.pop("milestones")
            programme = Programme.objects.create(plan=plan, **values)
            if co_owners:
                programme.co_owners.set(co_owners)
            Milestone.objects.bulk_create(
                Milestone(programme=programme, title=m.title, due_date=m.due_date, weight=w)
                for m, w in milestones
            )
            created.append(programme)
    return ProgrammeImportResult(created=created, issues=issues)


# ---------------------------------------------------------------------------------------------
# Year-end rollover.


def _next_year_date(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year + 1, day=28)


def rollover_code(code: str, *, year: int) -> str:
    """The code a programme takes in the next year's plan: the year in it moves on one year
    ("2025-C03" becomes "2026-C03"; "P-07" stays as it is). Only a four-digit run that is the
    plan year and stands apart from other digits is changed."""
    return re.sub(rf"(?<!\d){year}(?!\d)", str(year + 1), code)


def rollover_candidates(*, plan: Plan, as_of: dt.date | None = None) -> list[Programme]:
    """The unfinished programmes the planner confirms before ``plan_rollover`` (those already
    copied into the next year's plan are left out)."""
    as_of = as_of or dt.date(plan.year, 12, 31)
    copied = set(
        Programme.objects.filter(plan__year=plan.year + 1, previous_programme__plan=plan).values_list(
            "previous_programme_id", flat=True
        )
    )
    return [
        p
        for p in _plan_programmes(plan)
        if p.pk not in copied and progress.state_of(p, as_of=as_of).percent < 100
    ]


@transaction.atomic
def plan_rollover(
    *, source: Plan, target: Plan, by: Staff, confirmed: Sequence[int], as_of: dt.date | None = None
) -> list[Programme]:
    """Copy the confirmed unfinished programmes into next year's plan, linked to their past.

    Unfinished milestones move a year on, their weights scaled back up to 100 % in the same
    proportions (``progress.percent_shares``); KPIs keep baseline and target (the actual starts
    empty); done milestones and the update history stay with last year's programme.
    """
    _require_planner(by)
    _check_open_plan(target)
    if target.year != source.year + 1:
        raise PerformanceError(_("다음 해 계획으로만 이월할 수 있습니다."))
    if not confirmed:
        raise PerformanceError(_("이월할 과제를 하나 이상 확인해 주세요."))
    Plan.objects.select_for_update().get(pk=source.pk)  # two submits run one after the other
    already = set(
        Programme.objects.filter(plan=target, previous_programme_id__in=confirmed).values_list(
            "previous_programme_id", flat=True
        )
    )
    confirmed = [pk for pk in confirmed if pk not in already]  # a second submit copies nothing twice
    if not confirmed:
        return []
    candidates = {p.pk: p for p in rollover_candidates(plan=source, as_of=as_of)}
    unknown = [pk for pk in confirmed if pk not in candidates]
    if unknown:
        raise PerformanceError(_("완료했거나 이 계획에 없는 과제는 이월할 수 없습니다."))
    taken = set(Programme.objects.filter(plan=target).values_list("code", flat=True))
    new_codes = {pk: rollover_code(candidates[pk].code, year=source.year) for pk in confirmed}
    clash = sorted(code for code in new_codes.values() if code in taken)
    if clash:
        raise PerformanceError(
            _("다음 해 계획에 이미 있는 과제코드입니다: %(codes)s") % {"codes": ", ".join(clash)}
        )
    copies = []
    for pk in dict.fromkeys(confirmed):
        old = candidates[pk]
        new = Programme.objects.create(
            plan=target,
            code=new_codes[pk],
            title=old.title,
            origin=Programme.Origin.ONGOING,
            previous_programme=old,
            department=old.department,
            owner=old.owner,
            description=old.description,
            weight=old.weight,
            progress_mode=old.progress_mode,
        )
        new.co_owners.set(old.co_owners.all())
        unfinished = [m for m in old.milestones.all() if not m.done_on]
        shares = progress.percent_shares([m.weight for m in unfinished])
        Milestone.objects.bulk_create(
            Milestone(programme=new, title=m.title, due_date=_next_year_date(m.due_date), weight=share)
            for m, share in zip(unfinished, shares, strict=True)
        )
        KPI.objects.bulk_create(
            KPI(programme=new, name=k.name, unit=k.unit, baseline=k.baseline, target=k.target, order=k.order)
            for k in old.kpis.all()
        )
        copies.append(new)
    return copies


# ---------------------------------------------------------------------------------------------
# Reminders (daily, from Celery beat).

DUE_SOON_DAYS = 7
QUIET_DAYS = 30
ESCALATE_AFTER_DAYS = 7


def programme_reminders_send(*, today: dt.date | None = None) -> int:
    """Remind owners of a milestone due in 7 days, of an overdue milestone, and of a programme
    with no update for 30 days (then its department head, 7 days later). Returns how many
    notifications were new. Each event has its own notification key, so a second run the same
    day, or a retried task, sends nothing more."""
    today = today or timezone.localdate()
    pending: list[tuple[Staff, str, str, str]] = []  # recipient, key, title, url
    open_milestones = Milestone.objects.filter(
        done_on__isnull=True,
        programme__plan__is_closed=False,
        programme__plan__year=today.year,
        due_date__lte=today + dt.timedelta(days=DUE_SOON_DAYS),
    ).select_related("programme__owner")
    for milestone in open_milestones:
        programme = milestone.programme
        values = {
            "code": programme.code,
            "milestone": milestone.title,
            "date": format_korean_date(milestone.due_date),
        }
        if milestone.due_date == today + dt.timedelta(days=DUE_SOON_DAYS):
            event, title = (
                "due-soon",
                _("[%(code)s] '%(milestone)s' 완료 예정일이 7일 남았습니다 (%(date)s)."),
            )
        elif milestone.due_date < today:
            event, title = "overdue", _("[%(code)s] '%(milestone)s' 완료 예정일(%(date)s)이 지났습니다.")
        else:
            continue
        key = f"performance:milestone:{milestone.pk}:{event}"
        pending.append((programme.owner, key, title % values, programme.get_absolute_url()))
    quiet = (
        Programme.objects.filter(plan__is_closed=False, plan__year=today.year)
        .annotate(last_activity=Coalesce(Max("updates__created_at"), "created_at"))
        .filter(last_activity__date__lte=today - dt.timedelta(days=QUIET_DAYS))
        .select_related("owner", "department__head", "plan")
        .prefetch_related("milestones", "kpis")
    )
    for programme in quiet:
        if progress.state_of(programme, as_of=today).status == Status.DONE:
            continue
        last = timezone.localtime(programme.last_activity).date()
        values = {"code": programme.code, "title": programme.title, "days": (today - last).days}
        key = f"performance:programme:{programme.pk}:quiet:{last.isoformat()}"
        title = _("[%(code)s] %(title)s: %(days)s일째 실적 등록이 없습니다.") % values
        pending.append((programme.owner, key, title, programme.get_absolute_url()))
        head = programme.department.head
        if head and (today - last).days >= QUIET_DAYS + ESCALATE_AFTER_DAYS:
            title = _("[%(code)s] %(title)s: 담당자가 %(days)s일째 실적을 등록하지 않았습니다.") % values
            pending.append((head, f"{key}:escalated", title, programme.get_absolute_url()))
    already = set(
        Notification.objects.filter(key__in=[key for _r, key, _t, _u in pending]).values_list(
            "recipient_id", "key"
        )
    )
    sent = 0
    for recipient, key, title, url in pending:
        if (recipient.pk, key) not in already:
            notification_send(recipient=recipient, key=key, title=title, url=url)
            sent += 1
    return sent


# ---------------------------------------------------------------------------------------------
# Best-practice sharing contest (우수성과 공유대회).


@transaction.atomic
def contest_create(
    *, plan: Plan, by: Staff, title: str, entries_close_on: dt.date, criteria: Sequence[tuple[str, float]]
) -> Contest:
    """A plan's contest with its weighted criteria."""
    _require_planner(by)
    if Contest.objects.filter(plan=plan).exists():
        raise PerformanceError(_("%(year)s년 공유대회가 이미 있습니다.") % {"year": plan.year})
    if not criteria:
        raise PerformanceError(_("평가 항목을 하나 이상 정해 주세요."))
    names = [name.strip() for name, _w in criteria]
    if len(set(names)) != len(names) or not all(names):
        raise PerformanceError(_("평가 항목 이름은 비어 있거나 겹칠 수 없습니다."))
    weights = [_decimal(w, label=_("평가 항목 가중치")) for _n, w in criteria]
    if any(w <= 0 for w in weights):
        raise PerformanceError(_("평가 항목의 가중치는 0보다 커야 합니다."))
    contest = Contest.objects.create(
        plan=plan, title=title.strip() or plan.title, entries_close_on=entries_close_on
    )
    Criterion.objects.bulk_create(
        Criterion(contest=contest, name=name, weight=weight, order=i)
        for i, (name, weight) in enumerate(zip(names, weights, strict=True))
    )
    return contest


@transaction.atomic
def judge_add(*, contest: Contest, by: Staff, staff: Staff) -> Judge:
    _require_planner(by)
    judge, _created = Judge.objects.get_or_create(contest=contest, staff=staff)
    return judge


def _check_contest_open(contest: Contest) -> None:
    if contest.is_decided:
        raise PerformanceError(_("시상이 확정된 대회는 바꿀 수 없습니다."))


@transaction.atomic
def entry_submit(
    *, contest: Contest, programme: Programme, by: Staff, summary: str = "", attachment=None, today=None
) -> Entry:
    """The owner (or a co-owner) enters their programme; the summary starts from the programme."""
    _check_contest_open(contest)
    if programme.plan_id != contest.plan_id:
        raise PerformanceError(_("이 대회의 계획에 속한 과제만 신청할 수 있습니다."))
    if programme.owner_id != by.pk and not programme.co_owners.filter(pk=by.pk).exists():
        raise PerformanceError(_("담당하는 과제만 공유대회에 신청할 수 있습니다."))
    if (today or timezone.localdate()) > contest.entries_close_on:
        raise PerformanceError(_("참가 신청이 마감되었습니다."))
    if Entry.objects.filter(contest=contest, programme=programme).exists():
        raise PerformanceError(_("이미 신청한 과제입니다."))
    summary = (summary or "").strip() or programme.description or programme.title
    entry = Entry(contest=contest, programme=programme, submitted_by=by, summary=summary)
    if attachment:
        entry.attachment = attachment
    entry.save()
    return entry


@transaction.atomic
def score_submit(*, entry: Entry, judge_staff: Staff, values: dict) -> list[Score]:
    """A judge's scores (0–100) for every criterion of one entry; scoring again replaces them.

    A judge never scores an entry from their own department."""
    contest = Contest.objects.get(pk=entry.contest_id)  # fresh: the awards may just have been decided
    _check_contest_open(contest)
    judge = Judge.objects.filter(contest=contest, staff=judge_staff).first()
    if judge is None:
        raise PerformanceError(_("이 대회의 심사위원만 채점할 수 있습니다."))
    if judge_staff.department_id and judge_staff.department_id == entry.programme.department_id:
        raise PerformanceError(_("자기 부서의 과제는 채점할 수 없습니다."))
    criteria = {c.pk: c for c in contest.criteria.all()}
    given = {_pk(pk): value for pk, value in values.items()}
    if set(given) != set(criteria):
        raise PerformanceError(_("모든 평가 항목에 점수를 매겨 주세요."))
    scores = []
    for pk, raw in given.items():
        value = _decimal(raw, label=criteria[pk].name)
        if not 0 <= value <= 100:
            raise PerformanceError(
                _("'%(criterion)s' 점수는 0에서 100 사이여야 합니다 (받은 값: %(value)s).")
                % {"criterion": criteria[pk].name, "value": value}
            )
        scores.append((pk, value))
    saved = []
    for pk, value in scores:
        score, _created = Score.objects.update_or_create(
            entry=entry, judge=judge, criterion_id=pk, defaults={"value": value}
        )
        saved.append(score)
    return saved


@transaction.atomic
def contest_decide(*, contest: Contest, by: Staff, tiers=scoring.DEFAULT_TIERS) -> list[Entry]:
    """Normalise each judge's totals, rank the entries and put the award tiers on the programmes."""
    _require_planner(by)
    contest = Contest.objects.select_for_update().get(pk=contest.pk)
    _check_contest_open(contest)
    weights = {c.pk: float(c.weight) for c in contest.criteria.all()}
    by_judge_entry: dict[int, dict[int, dict[int, float]]] = {}
    for score in Score.objects.filter(entry__contest=contest):
        by_judge_entry.setdefault(score.judge_id, {}).setdefault(score.entry_id, {})[score.criterion_id] = (
            float(score.value)
        )
    if not by_judge_entry:
        raise PerformanceError(_("채점 결과가 없어 시상을 확정할 수 없습니다."))
    totals = {
        judge: {entry: scoring.weighted_total(values, weights) for entry, values in entries.items()}
        for judge, entries in by_judge_entry.items()
    }
    normalised = scoring.normalise(totals)
    ranked = scoring.rank(normalised)
    awarded = scoring.award_tiers(ranked, tiers)
    entries = {e.pk: e for e in Entry.objects.filter(contest=contest).select_related("programme")}
    for entry_id, position in ranked:
        entry = entries[entry_id]
        entry.score, entry.rank = Decimal(str(round(normalised[entry_id], 4))), position
        entry.save(update_fields=["score", "rank"])
        Programme.objects.filter(pk=entry.programme_id).update(award_tier=awarded[entry_id])
    programme_pages_changed()  # the award tiers' ``update()`` sent no signal
    contest.is_decided = True
    contest.save(update_fields=["is_decided"])
    return sorted((entries[e] for e, _r in ranked), key=lambda e: e.rank)


# ---------------------------------------------------------------------------------------------
# Pages' writes added with the proposal, meeting, contest and rollover screens.


def next_plan_for(plan: Plan) -> Plan:
    """The plan of the year after ``plan``, made when it does not exist yet (race safe)."""
    try:
        with transaction.atomic():
            return Plan.objects.get_or_create(
                year=plan.year + 1,
                defaults={"title": _("%(year)s년 성과업무 프로그램") % {"year": plan.year + 1}},
            )[0]
    except IntegrityError:  # a concurrent request made it first
        return Plan.objects.get(year=plan.year + 1)


@transaction.atomic
def proposal_programme_create(
    *,
    proposal: Proposal,
    by: Staff,
    plan: Plan,
    code: str,
    department: Department,
    owner: Staff,
    milestone_title: str,
    due_date: dt.date,
    title: str = "",
) -> Programme:
    """An accepted proposal becomes a programme of ``plan`` (next year's), linked to it.

    One programme per proposal: a second submit is refused, nothing is made twice."""
    _require_planner(by)
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != Proposal.State.ACCEPTED:
        raise PerformanceError(_("채택된 제안만 과제로 만들 수 있습니다."))
    if proposal.programmes.exists():
        raise PerformanceError(_("이 제안으로 만든 과제가 이미 있습니다."))
    return programme_create(
        plan=plan,
        code=code,
        title=title or proposal.title,
        department=department,
        owner=owner,
        origin=Programme.Origin.PROPOSAL,
        description=proposal.body,
        proposal=proposal,
        milestones=[MilestoneInput(milestone_title, due_date, MILESTONE_WEIGHT_TOTAL)],
    )


def criteria_weights_check(weights: Sequence) -> None:
    """Contest criteria weights are positive and add up to 100 (the judging sheet's points)."""
    values = [_decimal(w, label=_("평가 항목 가중치")) for w in weights]
    if not values:
        raise PerformanceError(_("평가 항목을 하나 이상 정해 주세요."))
    if any(w <= 0 for w in values):
        raise PerformanceError(_("평가 항목의 가중치는 0보다 커야 합니다."))
    total = sum(values)
    if total != 100:
        raise PerformanceError(
            _("평가 항목 가중치의 합이 100이어야 합니다 (지금 합계: %(total)s).")
            % {"total": format(total.normalize(), "f")}
        )


@transaction.atomic
def contest_setup(
    *,
    plan: Plan,
    by: Staff,
    title: str,
    entries_close_on: dt.date,
    criteria: Sequence[tuple[str, object]],
    judges: Sequence[Staff],
) -> Contest:
    """Create or change the plan's contest: weighted criteria (adding up to 100) and judges.

    Criteria can change only until the first score; judges can be added any time before the
    awards, and removed while they have not scored."""
    _require_planner(by)
    names = [name.strip() for name, _w in criteria]
    if len(set(names)) != len(names) or not all(names):
        raise PerformanceError(_("평가 항목 이름은 비어 있거나 겹칠 수 없습니다."))
    criteria_weights_check([w for _n, w in criteria])
    if not judges:
        raise PerformanceError(_("심사위원을 한 명 이상 정해 주세요."))
    contest = Contest.objects.select_for_update().filter(plan=plan).first()
    if contest is None:
        contest = Contest.objects.create(
            plan=plan, title=(title or "").strip() or plan.title, entries_close_on=entries_close_on
        )
    else:
        _check_contest_open(contest)
        contest.title = (title or "").strip() or contest.title
        contest.entries_close_on = entries_close_on
        contest.save(update_fields=["title", "entries_close_on"])
    current = [(c.name, c.weight) for c in contest.criteria.all()]
    wanted = [(n, _decimal(w, label=n)) for n, w in zip(names, (w for _n, w in criteria), strict=True)]
    if current != wanted:
        if Score.objects.filter(entry__contest=contest).exists():
            raise PerformanceError(_("채점이 시작된 뒤에는 평가 항목을 바꿀 수 없습니다."))
        contest.criteria.all().delete()
        Criterion.objects.bulk_create(
            Criterion(contest=contest, name=n, weight=w, order=i) for i, (n, w) in enumerate(wanted)
        )
    keep = {s.pk for s in judges}
    scored = set(Score.objects.filter(judge__contest=contest).values_list("judge__staff_id", flat=True))
    if scored - keep:
        raise PerformanceError(_("이미 채점한 심사위원은 뺄 수 없습니다."))
    contest.judges.exclude(staff_id__in=keep).delete()
    for staff in judges:
        Judge.objects.get_or_create(contest=contest, staff=staff)
    return contest
