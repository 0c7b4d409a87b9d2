"""Every write of external learning records: submit, correct or resubmit, approve, return, and the
certificate expiry reminder. Each state change writes a ``RecordEvent`` in the same transaction."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.models import Staff
from intranet.home.services import notification_send
from intranet.korean import fill, format_korean_date
from intranet.roles import Role, has_role
from intranet.uploads import evidence_check

from .models import ExternalRecord, RecordEvent

REMINDER_DAYS = 30


class RecordError(ValidationError):
    """A refusal with a Korean message for the person (nothing was written)."""


@dataclass(frozen=True)
class RecordInput:
    kind: str
    title: str
    organiser: str
    hours: Decimal = Decimal(0)
    start_date: dt.date | None = None
    end_date: dt.date | None = None
    certificate_number: str = ""
    acquired_on: dt.date | None = None
    expires_on: dt.date | None = None


def is_learning_admin(staff: Staff | None) -> bool:
    return staff is not None and staff.user_id is not None and has_role(staff.user, Role.LEARNING_ADMIN)


def can_see_record(*, record: ExternalRecord, staff: Staff | None) -> bool:
    """The owner and learning admins; nobody else, not even to know the file's name."""
    return staff is not None and (record.staff_id == staff.pk or is_learning_admin(staff))


def _check(data: RecordInput) -> None:
    """The model's constraints as Korean messages on the fields, before anything is written."""
    errors = {}
    if not data.title.strip():
        errors["title"] = _("이름을 적어 주세요.")
    if not data.organiser.strip():
        errors["organiser"] = _("주관·발급 기관을 적어 주세요.")
    if data.hours is None or data.hours < 0:
        errors["hours"] = _("인정 시간은 0 이상으로 적어 주세요.")
    if data.kind == ExternalRecord.Kind.CONFERENCE:
        if data.start_date is None:
            errors["start_date"] = _("시작일을 적어 주세요.")
        if data.end_date is None:
            errors["end_date"] = _("종료일을 적어 주세요.")
        elif data.start_date and data.end_date < data.start_date:
            errors["end_date"] = _("종료일이 시작일보다 빠릅니다.")
        if data.hours is not None and data.hours <= 0 and "hours" not in errors:
            errors["hours"] = _("컨퍼런스·세미나는 참석한 시간을 적어 주세요.")
    elif data.kind == ExternalRecord.Kind.CERTIFICATE:
        if data.acquired_on is None:
            errors["acquired_on"] = _("취득일을 적어 주세요.")
        elif data.expires_on is not None and data.expires_on <= data.acquired_on:
            errors["expires_on"] = _("만료일은 취득일보다 뒤여야 합니다.")
    else:
        errors["kind"] = _("컨퍼런스·세미나 또는 자격증 중에서 골라 주세요.")
    if errors:
        raise RecordError(errors)


def _fields(data: RecordInput) -> dict:
    conference = data.kind == ExternalRecord.Kind.CONFERENCE
    return {
        "kind": data.kind,
        "title": data.title.strip(),
        "organiser": data.organiser.strip(),
        "hours": data.hours,
        "start_date": data.start_date if conference else None,
        "end_date": data.end_date if conference else None,
        "certificate_number": "" if conference else data.certificate_number.strip(),
        "acquired_on": None if conference else data.acquired_on,
        "expires_on": None if conference else data.expires_on,
    }


def _evidence(upload, *, current=None):
    try:
        return evidence_check(upload, current=current)
    except ValidationError as error:
        raise RecordError({"evidence": error.messages}) from None


@transaction.atomic
def record_submit(*, staff: Staff, data: RecordInput, evidence) -> ExternalRecord:
    """A new record, waiting for review. The evidence file is required and checked first."""
    _check(data)
    if not evidence:
        raise RecordError({"evidence": _("증빙 자료를 첨부해 주세요.")})
    _evidence(evidence)
    record = ExternalRecord(staff=staff, **_fields(data))
    record.evidence = evidence
    record.save()
    RecordEvent.objects.create(record=record, action=RecordEvent.Action.SUBMITTED, by=staff)
    return record


@transaction.atomic
def record_correct(*, record: ExternalRecord, by: Staff, data: RecordInput, evidence=None) -> ExternalRecord:
    """The owner corrects a record not yet approved; a returned one goes back to the queue."""
    record = ExternalRecord.objects.select_for_update().get(pk=record.pk)
    if record.staff_id != by.pk:
        raise RecordError(_("본인의 기록만 고칠 수 있습니다."))
    if record.status == ExternalRecord.Status.APPROVED:
        raise RecordError(
            _("승인된 기록은 고칠 수 없습니다. 바로잡을 일이 있으면 교육 관리자에게 알려 주세요.")
        )
    if data.kind != record.kind:
        raise RecordError({"kind": _("기록의 종류는 바꿀 수 없습니다.")})
    _check(data)
    if evidence:
        _evidence(evidence, current=record.evidence)
    was_returned = record.status == ExternalRecord.Status.RETURNED
    for name, value in _fields(data).items():
        setattr(record, name, value)
    if evidence and evidence != record.evidence:
        record.evidence = evidence
    if was_returned:
        record.status = ExternalRecord.Status.SUBMITTED
        record.reviewed_by = None
        record.reviewed_at = None
    record.save()
    RecordEvent.objects.create(
        record=record,
        action=RecordEvent.Action.RESUBMITTED if was_returned else RecordEvent.Action.CORRECTED,
        by=by,
    )
    return record


def _decide(
    *, record: ExternalRecord, by: Staff, status: str, reason: str
) -> tuple[ExternalRecord, RecordEvent]:
    """A learning admin's decision on a waiting record, under a row lock so that two admins (or a
    double click) cannot both decide; the decision and its history row are written together."""
    if not is_learning_admin(by):
        raise RecordError(_("외부 학습 기록은 교육 관리자만 검토할 수 있습니다."))
    record = ExternalRecord.objects.select_for_update().select_related("staff").get(pk=record.pk)
    if record.status == ExternalRecord.Status.APPROVED:
        raise RecordError(_("이미 승인된 기록입니다."))
    if record.status == ExternalRecord.Status.RETURNED:
        raise RecordError(_("이미 반려된 기록입니다. 본인이 고쳐 다시 제출하면 검토할 수 있습니다."))
    record.status = status
    record.review_reason = reason.strip()
    record.reviewed_by = by
    record.reviewed_at = timezone.now()
    record.save(update_fields=["status", "review_reason", "reviewed_by", "reviewed_at", "updated_at"])
    event = RecordEvent.objects.create(record=record, action=status, by=by, reason=record.review_reason)
    return record, event


def _notify(record: ExternalRecord, *, title: str, body: str, event: RecordEvent) -> None:
    notification_send(
        recipient=record.staff,
        key=f"learning_records.review:{event.pk}",
        title=title,
        body=body,
        url=reverse("learning_records:detail", kwargs={"pk": record.pk}),
    )


@transaction.atomic
def record_approve(
    *, record: ExternalRecord, by: Staff, reason: str = "", notify: bool = True
) -> ExternalRecord:
    """Approve a waiting record (its hours count from now); the owner is notified (the demo's
    backfill of last year's history passes ``notify=False``)."""
    record, event = _decide(record=record, by=by, status=ExternalRecord.Status.APPROVED, reason=reason)
    if notify:
        _notify(
            record,
            title=fill(_("외부 학습 기록 '%(title)s'이(가) 승인되었습니다."), {"title": record.title}),
            body=_("인정 시간 %(hours)s시간이 교육 이수 시간에 반영됩니다.") % {"hours": record.hours},
            event=event,
        )
    return record


@transaction.atomic
def record_return(*, record: ExternalRecord, by: Staff, reason: str, notify: bool = True) -> ExternalRecord:
    """Return a waiting record with a reason; the owner is notified and may correct it."""
    if not (reason or "").strip():
        raise RecordError({"reason": _("반려할 때는 사유를 적어야 합니다.")})
    record, event = _decide(record=record, by=by, status=ExternalRecord.Status.RETURNED, reason=reason)
    if notify:
        _notify(
            record,
            title=fill(_("외부 학습 기록 '%(title)s'이(가) 반려되었습니다."), {"title": record.title}),
            body=_("사유: %(reason)s — 고쳐서 다시 제출해 주세요.") % {"reason": record.review_reason},
            event=event,
        )
    return record


def expiring_certificates(*, today: dt.date):
    """Certificates (waiting or approved) that expire within 30 days and were not yet reminded
    of this expiry date."""
    from django.db.models import F, Q

    return ExternalRecord.objects.filter(
        kind=ExternalRecord.Kind.CERTIFICATE,
        status__in=[ExternalRecord.Status.SUBMITTED, ExternalRecord.Status.APPROVED],
        expires_on__gte=today,
        expires_on__lte=today + dt.timedelta(days=REMINDER_DAYS),
    ).filter(Q(expiry_reminded_for__isnull=True) | ~Q(expiry_reminded_for=F("expires_on")))


@transaction.atomic
def certificate_expiry_remind(*, record_id: int, today: dt.date | None = None) -> bool:
    """Remind the owner once per certificate per expiry date (a renewed certificate with a new
    date gets its own reminder). Returns True when a reminder was sent now."""
    today = today or timezone.localdate()
    record = (
        expiring_certificates(today=today)
        .select_for_update()
        .select_related("staff")
        .filter(pk=record_id)
        .first()
    )
    if record is None:
        return False
    days = (record.expires_on - today).days
    notification_send(
        recipient=record.staff,
        key=f"learning_records.expiry:{record.pk}:{record.expires_on:%Y-%m-%d}",
        title=fill(
            _("자격증 '%(title)s'이(가) %(days)s일 뒤 만료됩니다."), {"title": record.title, "days": days}
        ),
        body=fill(
            _("만료일 %(date)s. 갱신했다면 새 만료일로 기록을 등록해 주세요."),
            {"date": format_korean_date(record.expires_on)},
        ),
        url=reverse("learning_records:detail", kwargs={"pk": record.pk}),
    )
    ExternalRecord.objects.filter(pk=record.pk).update(expiry_reminded_for=record.expires_on)
    return True


def certificate_expiry_reminders_queue(*, today: dt.date | None = None) -> int:
    """Queue one reminder task per certificate due (after commit). Returns how many were queued."""
    from .tasks import certificate_expiry_remind_task

    today = today or timezone.localdate()
    ids = list(expiring_certificates(today=today).values_list("pk", flat=True))
    for record_id in ids:
        transaction.on_commit(
            lambda record_id=record_id: certificate_expiry_remind_task.delay(record_id, today.isoformat())
        )
    return len(ids)
