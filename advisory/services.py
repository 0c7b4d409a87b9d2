"""Every write of the advisory committee: keyword-only, one transaction each, refusals in Korean.

A refusal (``AdvisoryError``) is raised before anything is written, so bad input changes nothing.
Rules that need other rows are checked here under a row lock on the member or the meeting, so
two secretaries saving at once cannot both pass a check that only one of them may pass.
"""

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.models import Department, Staff
from intranet.korean import format_korean_date
from intranet.roles import Role, has_role

from .models import (
    Advice,
    AdviceUpdate,
    AgendaItem,
    Attendance,
    Ceremony,
    Domain,
    Meeting,
    Member,
    Recusal,
    Term,
)

# Two terms are consecutive when the next begins within this many days of the previous end
# (the usual reappointment starts the day after; a short gap for paperwork is still consecutive).
CONSECUTIVE_GAP_DAYS = 31


class AdvisoryError(ValidationError):
    """A refusal with a Korean message for the person."""


# --- who may do what -------------------------------------------------------------------------------


def is_secretary(staff: Staff | None) -> bool:
    return bool(staff and staff.user_id and has_role(staff.user, Role.COMMITTEE_SECRETARY))


def may_answer(staff: Staff | None, advice: Advice) -> bool:
    """The head of the responsible department answers; secretaries may record an answer sent on paper."""
    if staff is None:
        return False
    if is_secretary(staff):
        return True
    return advice.department.head_id == staff.pk


def _require_secretary(by: Staff | None) -> None:
    if not is_secretary(by):
        raise AdvisoryError(_("자문위원회 간사만 할 수 있는 일입니다."))


# --- members and terms -----------------------------------------------------------------------------


def member_save(*, by: Staff, fields: dict, member: Member | None = None) -> Member:
    _require_secretary(by)
    record = member or Member()
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    record.save()
    return record


def _runs(spans: list[tuple[dt.date, dt.date]]) -> list[int]:
    """For spans sorted by start, each one's place in its unbroken run (0: first of a run)."""
    places, previous_end = [], None
    for starts_on, ends_on in spans:
        consecutive = previous_end is not None and (starts_on - previous_end).days <= CONSECUTIVE_GAP_DAYS
        places.append(places[-1] + 1 if consecutive else 0)
        previous_end = ends_on
    return places


def term_check(*, member: Member, starts_on: dt.date, ends_on: dt.date, exclude_pk: int | None = None) -> int:
    """Refuse a term that ends before it starts, overlaps another of the member's terms or goes
    beyond the domain's consecutive-term limit; return its reappointment count."""
    if ends_on <= starts_on:
        raise AdvisoryError(
            {
                "ends_on": _("임기 만료일(%(end)s)이 위촉일(%(start)s)보다 뒤여야 합니다.")
                % {"end": format_korean_date(ends_on), "start": format_korean_date(starts_on)}
            }
        )
    others = [t for t in member.terms.all() if t.pk != exclude_pk]
    for other in others:
        if other.starts_on <= ends_on and starts_on <= other.ends_on:
            raise AdvisoryError(
                {
                    "starts_on": _("%(name)s 위원의 다른 임기(%(start)s~%(end)s)와 겹칩니다.")
                    % {
                        "name": member.name,
                        "start": format_korean_date(other.starts_on),
                        "end": format_korean_date(other.ends_on),
                    }
                }
            )
    spans = sorted([(t.starts_on, t.ends_on) for t in others] + [(starts_on, ends_on)])
    places = _runs(spans)
    limit = member.domain.max_consecutive_terms
    if max(places) + 1 > limit:
        raise AdvisoryError(
            {
                "starts_on": _(
                    "%(domain)s 분야는 임기를 잇달아 %(limit)s회까지만 맡을 수 있습니다. "
                    "이 임기는 %(name)s 위원의 %(count)s번째 연속 임기가 됩니다."
                )
                % {
                    "domain": member.domain.name,
                    "limit": limit,
                    "name": member.name,
                    "count": max(places) + 1,
                }
            }
        )
    return places[spans.index((starts_on, ends_on))]


@transaction.atomic
def term_appoint(
    *,
    by: Staff,
    member: Member,
    starts_on: dt.date,
    ends_on: dt.date,
    ceremony: Ceremony | None = None,
) -> Term:
    """Appoint (or reappoint) a member for a term, numbering its letter ``<year>-<nn>``."""
    _require_secretary(by)
    member = Member.objects.select_for_update().select_related("domain").get(pk=member.pk)
    reappointment = term_check(member=member, starts_on=starts_on, ends_on=ends_on)
    sequence = Term.objects.filter(starts_on__year=starts_on.year).count() + 1
    return Term.objects.create(
        member=member,
        starts_on=starts_on,
        ends_on=ends_on,
        reappointment=reappointment,
        ceremony=ceremony,
        letter_number=f"{starts_on.year}-{sequence:02d}",
    )


@transaction.atomic
def letter_issue(*, by: Staff, term: Term) -> Term:
    """Record when the letter was first issued (a reprint keeps the first date)."""
    _require_secretary(by)
    term = Term.objects.select_for_update().get(pk=term.pk)
    if term.letter_issued_at is None:
        term.letter_issued_at = timezone.now()
        term.save(update_fields=["letter_issued_at"])
    return term


# --- meetings --------------------------------------------------------------------------------------


def _require_draft(meeting: Meeting) -> None:
    if meeting.is_approved:
        raise AdvisoryError(_("%(title)s 회의록은 확정되어 더 고칠 수 없습니다.") % {"title": meeting.title})


def meeting_save(*, by: Staff, fields: dict, meeting: Meeting | None = None) -> Meeting:
    """Create a meeting or change a draft one (approved minutes are final)."""
    _require_secretary(by)
    with transaction.atomic():
        if meeting is not None:
            meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
            _require_draft(meeting)
        record = meeting or Meeting()
        for name, value in fields.items():
            setattr(record, name, value)
        record.full_clean()
        record.save()
        return record


def agenda_item_add(
    *,
    by: Staff,
    meeting: Meeting,
    title: str,
    presenter_department: Department,
    presenter: Staff | None = None,
    document=None,
) -> AgendaItem:
    _require_secretary(by)
    with transaction.atomic():
        meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
        _require_draft(meeting)
        order = meeting.items.count() + 1
        item = AgendaItem(
            meeting=meeting,
            order=order,
            title=title,
            presenter_department=presenter_department,
            presenter=presenter,
            document=document or "",
        )
        item.full_clean()
        item.save()
        return item


def enrolled_members(*, meeting: Meeting) -> list[Member]:
    """Members whose term covers the meeting day (재적 위원)."""
    day = timezone.localtime(meeting.held_at).date()
    return list(
        Member.objects.filter(terms__starts_on__lte=day, terms__ends_on__gte=day)
        .distinct()
        .order_by("name", "pk")
    )


@transaction.atomic
def attendance_record(*, by: Staff, meeting: Meeting, present: Iterable[Member]) -> int:
    """Record who came (every enrolled member gets a row) and the allowance each is owed."""
    _require_secretary(by)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_draft(meeting)
    enrolled = {m.pk: m for m in enrolled_members(meeting=meeting)}
    present_ids = {m.pk for m in present}
    strangers = present_ids - set(enrolled)
    if strangers:
        raise AdvisoryError(_("회의일에 임기 중인 위원만 출석으로 기록할 수 있습니다."))
    recused_absent = Recusal.objects.filter(item__meeting=meeting).exclude(member_id__in=present_ids)
    if recused_absent.exists():
        raise AdvisoryError(
            _("이해충돌 회피를 신고한 위원은 출석자여야 합니다. 회피 기록을 먼저 지워 주세요.")
        )
    for pk in enrolled:
        is_present = pk in present_ids
        Attendance.objects.update_or_create(
            meeting=meeting,
            member_id=pk,
            defaults={"present": is_present, "allowance": meeting.allowance if is_present else 0},
        )
    Attendance.objects.filter(meeting=meeting).exclude(member_id__in=list(enrolled)).delete()
    return len(present_ids)


@transaction.atomic
def recusal_declare(*, by: Staff, item: AgendaItem, member: Member, reason: str) -> Recusal:
    """The member declares a conflict of interest on the item and leaves it."""
    _require_secretary(by)
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _require_draft(meeting)
    if not reason.strip():
        raise AdvisoryError({"reason": _("회피 사유를 적어 주세요.")})
    if not Attendance.objects.filter(meeting=meeting, member=member, present=True).exists():
        raise AdvisoryError(_("출석한 위원만 이해충돌 회피를 신고할 수 있습니다. 출석을 먼저 기록해 주세요."))
    if Recusal.objects.filter(item=item, member=member).exists():
        raise AdvisoryError(_("%(name)s 위원은 이미 이 안건에서 회피했습니다.") % {"name": member.name})
    if item.advice.filter(given_by=member).exists():
        raise AdvisoryError(
            _("이 안건에 의견을 낸 위원은 회피로 바꿀 수 없습니다. 의견을 먼저 정리해 주세요.")
        )
    return Recusal.objects.create(item=item, member=member, reason=reason.strip())


@transaction.atomic
def minutes_approve(*, by: Staff, meeting: Meeting) -> Meeting:
    """Make the minutes final: from now on nothing of the meeting changes."""
    _require_secretary(by)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _require_draft(meeting)
    if not meeting.minutes.strip():
        raise AdvisoryError({"minutes": _("회의록 내용이 비어 있어 확정할 수 없습니다.")})
    if not meeting.attendances.filter(present=True).exists():
        raise AdvisoryError(_("출석을 기록한 뒤에 회의록을 확정할 수 있습니다."))
    from .selectors import quorum

    for row in quorum(meeting=meeting):
        if row.has_advice and not row.met:
            raise AdvisoryError(
                _(
                    "안건 '%(item)s'은(는) 정족수(%(required)s명)에 못 미쳐(%(counted)s명) "
                    "의견을 낼 수 없습니다."
                )
                % {"item": row.item.title, "required": row.required, "counted": row.counted}
            )
    meeting.minutes_status = Meeting.MinutesStatus.APPROVED
    meeting.minutes_approved_by = by
    meeting.minutes_approved_at = timezone.now()
    meeting.save(update_fields=["minutes_status", "minutes_approved_by", "minutes_approved_at"])
    return meeting


# --- advice ----------------------------------------------------------------------------------------


@transaction.atomic
def advice_give(
    *,
    by: Staff,
    item: AgendaItem,
    text: str,
    department: Department | None,
    due_on: dt.date,
    given_by: Iterable[Member] = (),
    domain: Domain | None = None,
    programme=None,
) -> Advice:
    """Record a piece of advice on an agenda item. A member who recused from the item is not
    counted for its quorum and cannot give advice on it."""
    _require_secretary(by)
    meeting = Meeting.objects.select_for_update().get(pk=item.meeting_id)
    _require_draft(meeting)
    if department is None:
        raise AdvisoryError({"department": _("자문의견에는 회신할 담당 부서가 있어야 합니다.")})
    if not text.strip():
        raise AdvisoryError({"text": _("자문의견 내용을 적어 주세요.")})
    members = list(given_by)
    recused = set(
        Recusal.objects.filter(item=item, member__in=members).values_list("member__name", flat=True)
    )
    if recused:
        raise AdvisoryError(
            {
                "given_by": _(
                    "이해충돌로 회피한 위원(%(names)s)은 이 안건의 정족수와 의견에 넣을 수 없습니다."
                )
                % {"names": ", ".join(sorted(recused))}
            }
        )
    absent = {m.name for m in members} - set(
        Attendance.objects.filter(meeting=meeting, present=True, member__in=members).values_list(
            "member__name", flat=True
        )
    )
    if absent:
        raise AdvisoryError(
            {
                "given_by": _("출석하지 않은 위원(%(names)s)은 의견 제시 위원이 될 수 없습니다.")
                % {"names": ", ".join(sorted(absent))}
            }
        )
    from .selectors import quorum

    row = next(r for r in quorum(meeting=meeting) if r.item.pk == item.pk)
    if not row.met:
        raise AdvisoryError(
            _("안건 '%(item)s'은(는) 회피 위원을 빼면 정족수(%(required)s명)에 못 미칩니다(%(counted)s명).")
            % {"item": item.title, "required": row.required, "counted": row.counted}
        )
    domain = domain or (members[0].domain if members else None)
    if domain is None:
        raise AdvisoryError({"domain": _("자문의견의 분야를 골라 주세요.")})
    advice = Advice(
        domain=domain,
        meeting=meeting,
        item=item,
        text=text.strip(),
        department=department,
        due_on=due_on,
        programme=programme,
    )
    advice.full_clean()
    advice.save()
    advice.given_by.set(members)
    return advice


def _locked(advice: Advice) -> Advice:
    return Advice.objects.select_for_update().select_related("department").get(pk=advice.pk)


@transaction.atomic
def advice_respond(*, by: Staff, advice: Advice, response: str, reason: str = "") -> Advice:
    """The department's answer: accepted, partly accepted or not accepted (with a reason)."""
    advice = _locked(advice)
    if not may_answer(by, advice):
        raise AdvisoryError(_("자문의견에는 담당 부서의 부서장만 회신할 수 있습니다."))
    if advice.stage != Advice.Stage.AWAITING:
        raise AdvisoryError(
            _("이미 회신한 자문의견입니다. (현재 상태: %(stage)s)") % {"stage": advice.get_stage_display()}
        )
    if response not in Advice.Response.values:
        raise AdvisoryError({"response": _("수용, 일부 수용, 불수용 가운데 하나를 골라 주세요.")})
    reason = reason.strip()
    if response != Advice.Response.ACCEPTED and not reason:
        raise AdvisoryError({"reason": _("일부 수용이나 불수용이면 그 사유를 적어 주세요.")})
    advice.response = response
    advice.response_reason = reason
    advice.responded_by = by
    advice.responded_at = timezone.now()
    advice.stage = (
        Advice.Stage.DECLINED if response == Advice.Response.NOT_ACCEPTED else Advice.Stage.IMPLEMENTING
    )
    advice.save()
    AdviceUpdate.objects.create(advice=advice, kind=AdviceUpdate.Kind.RESPONSE, by=by, note=reason)
    return advice


@transaction.atomic
def advice_progress(*, by: Staff, advice: Advice, progress: int, note: str, evidence=None) -> Advice:
    """Progress of implementation; 100% with evidence makes it implemented."""
    advice = _locked(advice)
    if not may_answer(by, advice):
        raise AdvisoryError(_("이행 실적은 담당 부서의 부서장이 올립니다."))
    if advice.stage != Advice.Stage.IMPLEMENTING:
        raise AdvisoryError(
            _("이행 실적은 수용한 자문의견이 이행 중일 때만 올릴 수 있습니다. (현재 상태: %(stage)s)")
            % {"stage": advice.get_stage_display()}
        )
    if not 0 <= progress <= 100:
        raise AdvisoryError({"progress": _("이행률은 0에서 100 사이로 적어 주세요.")})
    if progress < advice.progress:
        raise AdvisoryError(
            {"progress": _("이행률은 이전(%(before)s%%)보다 낮출 수 없습니다.") % {"before": advice.progress}}
        )
    if not note.strip():
        raise AdvisoryError({"note": _("이행 내용을 적어 주세요.")})
    if progress == 100 and not evidence:
        raise AdvisoryError({"evidence": _("이행 완료(100%)에는 근거 자료를 붙여 주세요.")})
    advice.progress = progress
    if progress == 100:
        advice.stage = Advice.Stage.IMPLEMENTED
    advice.save(update_fields=["progress", "stage"])
    AdviceUpdate.objects.create(
        advice=advice,
        kind=AdviceUpdate.Kind.PROGRESS,
        by=by,
        note=note.strip(),
        progress=progress,
        evidence=evidence or "",
    )
    return advice


@transaction.atomic
def advice_close(*, by: Staff, advice: Advice, note: str = "") -> Advice:
    """The secretary closes advice that was implemented or not accepted."""
    _require_secretary(by)
    advice = _locked(advice)
    if advice.stage not in (Advice.Stage.IMPLEMENTED, Advice.Stage.DECLINED):
        raise AdvisoryError(
            _("이행을 마쳤거나 불수용한 자문의견만 종결할 수 있습니다. (현재 상태: %(stage)s)")
            % {"stage": advice.get_stage_display()}
        )
    advice.stage = Advice.Stage.CLOSED
    advice.closed_at = timezone.now()
    advice.save(update_fields=["stage", "closed_at"])
    AdviceUpdate.objects.create(advice=advice, kind=AdviceUpdate.Kind.CLOSED, by=by, note=note.strip())
    return advice
