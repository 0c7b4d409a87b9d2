"""Every write of the education site: enrolment, cancellation, waitlist promotion, approval,
capacity changes, bulk enrolment, attendance and completion.

Concurrency: a write that takes or frees a seat runs in one transaction that first locks the
session row (``select_for_update`` on PostgreSQL; on SQLite the project's IMMEDIATE transactions
take the database's write lock at BEGIN, which serialises writers the same way). Seats are then
counted under the lock, so hundreds of simultaneous requests can never overfill a session, and
waitlist numbers come from the session's counter in the order the requests got the lock.

Every refusal is a ``LearningError`` with a Korean message, raised before anything is written.
"""

import datetime as dt
import secrets
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from intranet.directory.imports import (
    Column,
    ImportIssue,
    ImportRejected,
    RowChecker,
    import_archive_problem,
    import_file_problem,
    import_rows_estimate,
    import_table_read,
)
from intranet.directory.models import Department, Staff
from intranet.directory.sections import profile_sections_changed
from intranet.home.services import notification_send
from intranet.korean import format_korean_date
from intranet.roles import Role, has_role

from .cache import catalogue_cache_clear
from .models import Completion, Enrolment, EnrolmentEvent, Session

State = Enrolment.State
Action = EnrolmentEvent.Action


class LearningError(ValidationError):
    """A refusal with a Korean message for the person (window closed, already enrolled …)."""


def is_learning_admin(staff: Staff | None) -> bool:
    return bool(staff and staff.user_id and has_role(staff.user, Role.LEARNING_ADMIN))


def _require_admin(actor: Staff | None) -> None:
    if not is_learning_admin(actor):
        raise LearningError(_("교육 관리자만 할 수 있는 작업입니다."))


def _locked_session(session_id: int) -> Session:
    try:
        return Session.objects.select_for_update().select_related("course").get(pk=session_id)
    except Session.DoesNotExist:
        raise LearningError(_("그런 교육 차수가 없습니다.")) from None


def _seats_taken(session: Session) -> int:
    return session.enrolments.filter(state__in=Enrolment.SEAT_STATES).count()


def _next_queue_number(session: Session) -> int:
    """The session's next number; the row is locked, so the update cannot interleave."""
    Session.objects.filter(pk=session.pk).update(last_queue_number=F("last_queue_number") + 1)
    session.last_queue_number += 1
    return session.last_queue_number


def _record(
    enrolment: Enrolment, *, action: str, from_state: str, actor: Staff | None, reason: str = ""
) -> None:
    EnrolmentEvent.objects.create(
        enrolment=enrolment,
        action=action,
        from_state=from_state,
        to_state=enrolment.state,
        actor=actor,
        reason=reason[:300],
    )


def _set_state(
    enrolment: Enrolment, state: str, *, action: str, actor: Staff | None, reason: str = ""
) -> None:
    before = enrolment.state
    enrolment.state = state
    enrolment.save(update_fields=["state", "queue_number", "updated_at"])
    _record(enrolment, action=action, from_state=before, actor=actor, reason=reason)


def _check_can_enrol(session: Session, now: dt.datetime) -> None:
    if session.is_completed or session.has_started(now):
        raise LearningError(_("이미 시작했거나 끝난 교육 차수에는 신청할 수 없습니다."))
    if now < session.enrol_opens_at:
        raise LearningError(
            _("신청 기간이 아닙니다. 신청은 %(date)s부터 받습니다.")
            % {"date": format_korean_date(session.enrol_opens_at, with_time=True)}
        )
    if now > session.enrol_closes_at:
        raise LearningError(_("신청 기간이 끝났습니다."))


def _place(session: Session, enrolment: Enrolment, *, admin_placed: bool) -> str:
    """Seat or waitlist for a new request; ``enrolment.state`` is set, nothing saved."""
    if _seats_taken(session) < session.capacity:
        needs_approval = session.course.requires_approval and not admin_placed
        enrolment.state = State.PENDING if needs_approval else State.ENROLLED
        return Action.BULK if admin_placed else Action.ENROL
    if not session.waitlist_enabled:
        raise LearningError(_("정원이 모두 찼고 이 차수는 대기자를 받지 않습니다."))
    enrolment.state = State.WAITLISTED
    return Action.BULK if admin_placed else Action.WAITLIST


def enrolment_create(
    *,
    session_id: int,
    staff: Staff,
    actor: Staff | None = None,
    reason: str = "",
    now: dt.datetime | None = None,
) -> Enrolment:
    """One click: a seat if one is free (pending when the course needs approval), else the end of
    the waitlist. A person who cancelled may come back; they join at the end of the line."""
    now = now or timezone.now()
    actor = actor or staff
    with transaction.atomic():
        session = _locked_session(session_id)
        _check_can_enrol(session, now)
        if not staff.is_active:
            raise LearningError(_("재직 중인 직원만 신청할 수 있습니다."))
        enrolment = Enrolment.objects.filter(session=session, staff=staff).first()
        if enrolment is not None and enrolment.state != State.CANCELLED:
            raise LearningError(
                _("이미 이 차수에 신청했습니다(상태: %(state)s).") % {"state": enrolment.get_state_display()}
            )
        before = enrolment.state if enrolment else ""
        enrolment = enrolment or Enrolment(session=session, staff=staff)
        action = _place(session, enrolment, admin_placed=False)
        enrolment.queue_number = _next_queue_number(session)
        enrolment.save()
        _record(enrolment, action=action, from_state=before, actor=actor, reason=reason)
    return enrolment


def enrolment_cancel(
    *, enrolment_id: int, actor: Staff, reason: str = "", now: dt.datetime | None = None
) -> Enrolment:
    """Cancel one's own enrolment before the cut-off (a learning admin may cancel anyone's until
    the session starts); a freed seat goes to the first in line."""
    now = now or timezone.now()
    with transaction.atomic():
        session_id = Enrolment.objects.filter(pk=enrolment_id).values_list("session_id", flat=True).first()
        if session_id is None:
            raise LearningError(_("그런 수강 신청이 없습니다."))
        session = _locked_session(session_id)
        enrolment = Enrolment.objects.select_related("staff").get(pk=enrolment_id)
        admin = is_learning_admin(actor)
        if enrolment.staff_id != actor.pk and not admin:
            raise LearningError(_("본인의 신청만 취소할 수 있습니다."))
        if enrolment.state not in (State.ENROLLED, State.PENDING, State.WAITLISTED):
            raise LearningError(
                _("지금 상태(%(state)s)에서는 취소할 수 없습니다.") % {"state": enrolment.get_state_display()}
            )
        if session.has_started(now) or session.is_completed:
            raise LearningError(_("이미 시작한 교육은 취소할 수 없습니다."))
        if enrolment.state != State.WAITLISTED and now > session.cancel_cutoff_at and not admin:
            raise LearningError(
                _("취소 마감(%(date)s)이 지났습니다. 교육 담당자에게 문의하세요.")
                % {"date": format_korean_date(session.cancel_cutoff_at, with_time=True)}
            )
        freed = enrolment.holds_seat
        _set_state(enrolment, State.CANCELLED, action=Action.CANCEL, actor=actor, reason=reason)
        if freed:
            _promote(session, now=now)
    return enrolment


def _promote(session: Session, *, now: dt.datetime) -> list[Enrolment]:
    """Give free seats to the first in line, until the promotion cut-off. Caller holds the lock."""
    if now > session.promotion_cutoff_at or session.has_started(now) or session.is_completed:
        return []
    free = session.capacity - _seats_taken(session)
    if free <= 0:
        return []
    promoted = list(
        session.enrolments.filter(state=State.WAITLISTED)
        .select_related("staff")
        .order_by("queue_number")[:free]
    )
    for enrolment in promoted:
        state = State.PENDING if session.course.requires_approval else State.ENROLLED
        _set_state(enrolment, state, action=Action.PROMOTE, actor=None, reason=_("빈자리 자동 배정"))
        notification_send(
            recipient=enrolment.staff,
            key=f"learning.promoted.{enrolment.pk}.{enrolment.queue_number}",
            title=_("대기 중이던 교육에 자리가 났습니다: %(course)s") % {"course": session.course.title},
            body=_("%(session)s 교육에 신청이 확정되었습니다.") % {"session": str(session)}
            if state == State.ENROLLED
            else _("%(session)s 교육에 자리가 나서 승인을 기다리고 있습니다.") % {"session": str(session)},
            url=session.course.url or "",
        )
    return promoted


def session_promote(*, session_id: int, now: dt.datetime | None = None) -> list[Enrolment]:
    with transaction.atomic():
        return _promote(_locked_session(session_id), now=now or timezone.now())


def session_capacity_change(
    *, session_id: int, capacity: int, actor: Staff, reason: str = "", now: dt.datetime | None = None
) -> Session:
    """Change the number of seats; more seats go to the waitlist at once. Fewer seats than are
    already taken is refused: nobody loses a confirmed place."""
    _require_admin(actor)
    if capacity < 0:
        raise LearningError(_("정원은 0 이상이어야 합니다."))
    with transaction.atomic():
        session = _locked_session(session_id)
        taken = _seats_taken(session)
        if capacity < taken:
            raise LearningError(
                _("이미 %(taken)s명이 신청해서 정원을 %(capacity)s명으로 줄일 수 없습니다.")
                % {"taken": taken, "capacity": capacity}
            )
        Session.objects.filter(pk=session.pk).update(capacity=capacity)
        catalogue_cache_clear()  # ``update()`` sends no ``post_save``
        session.capacity = capacity
        _promote(session, now=now or timezone.now())
    return session


def can_approve(*, actor: Staff, enrolment: Enrolment) -> bool:
    """The applicant's department head, or a learning admin."""
    if is_learning_admin(actor):
        return True
    department = enrolment.staff.department
    return bool(department and department.head_id == actor.pk)


def enrolment_decide(
    *, enrolment_id: int, actor: Staff, approve: bool, reason: str = "", now: dt.datetime | None = None
) -> Enrolment:
    """Approve (the seat is confirmed) or reject (the seat goes to the next in line)."""
    now = now or timezone.now()
    with transaction.atomic():
        session_id = Enrolment.objects.filter(pk=enrolment_id).values_list("session_id", flat=True).first()
        if session_id is None:
            raise LearningError(_("그런 수강 신청이 없습니다."))
        session = _locked_session(session_id)
        enrolment = Enrolment.objects.select_related("staff__department").get(pk=enrolment_id)
        if not can_approve(actor=actor, enrolment=enrolment):
            raise LearningError(_("신청자의 부서장이나 교육 관리자만 승인할 수 있습니다."))
        if enrolment.state != State.PENDING:
            raise LearningError(_("승인 대기 중인 신청이 아닙니다."))
        if approve:
            _set_state(enrolment, State.ENROLLED, action=Action.APPROVE, actor=actor, reason=reason)
        else:
            if not reason.strip():
                raise LearningError(_("반려 사유를 적어 주세요."))
            _set_state(enrolment, State.CANCELLED, action=Action.REJECT, actor=actor, reason=reason)
            _promote(session, now=now)
        notification_send(
            recipient=enrolment.staff,
            key=f"learning.decided.{enrolment.pk}.{enrolment.queue_number}",
            title=(
                _("교육 신청이 승인되었습니다: %(course)s")
                if approve
                else _("교육 신청이 반려되었습니다: %(course)s")
            )
            % {"course": session.course.title},
            body=reason,
            url=session.course.url or "",
        )
    return enrolment


# --- bulk enrolment -------------------------------------------------------------------------------


@dataclass
class BulkResult:
    enrolled: list[Staff] = field(default_factory=list)
    waitlisted: list[Staff] = field(default_factory=list)
    skipped: list[Staff] = field(default_factory=list)  # already enrolled or waitlisted

    @property
    def summary(self) -> str:
        return _(
            "%(enrolled)s명 신청, %(waitlisted)s명 대기, %(skipped)s명은 이미 신청되어 있어 건너뛰었습니다."
        ) % {
            "enrolled": len(self.enrolled),
            "waitlisted": len(self.waitlisted),
            "skipped": len(self.skipped),
        }


def _bulk_enrol(session: Session, people: Iterable[Staff], *, actor: Staff, reason: str) -> BulkResult:
    result = BulkResult()
    existing = {e.staff_id: e for e in Enrolment.objects.filter(session=session)}
    for person in people:
        enrolment = existing.get(person.pk)
        if enrolment is not None and enrolment.state != State.CANCELLED:
            result.skipped.append(person)
            continue
        before = enrolment.state if enrolment else ""
        enrolment = enrolment or Enrolment(session=session, staff=person)
        _place(session, enrolment, admin_placed=True)
        enrolment.queue_number = _next_queue_number(session)
        enrolment.save()
        _record(enrolment, action=Action.BULK, from_state=before, actor=actor, reason=reason)
        (result.waitlisted if enrolment.state == State.WAITLISTED else result.enrolled).append(person)
    return result


def _check_bulk_session(session: Session, now: dt.datetime) -> None:
    if session.is_completed or session.has_started(now):
        raise LearningError(_("이미 시작했거나 끝난 교육 차수에는 신청할 수 없습니다."))


def department_enrol(
    *,
    session_id: int,
    department: Department,
    actor: Staff,
    include_subdepartments: bool = True,
    now: dt.datetime | None = None,
) -> BulkResult:
    """Enrol every active member of a department (and its sub-departments): seats first, the rest
    on the waitlist, in the order of the department's member list."""
    _require_admin(actor)
    now = now or timezone.now()
    departments = [department.pk]
    if include_subdepartments:
        frontier = [department.pk]
        while frontier:
            frontier = list(Department.objects.filter(parent_id__in=frontier).values_list("pk", flat=True))
            departments += frontier
    people = list(
        Staff.objects.filter(department_id__in=departments, is_active=True).order_by("employee_number")
    )
    if not people:
        raise LearningError(_("%(name)s에 재직 중인 직원이 없습니다.") % {"name": department.name})
    with transaction.atomic():
        session = _locked_session(session_id)
        _check_bulk_session(session, now)
        return _bulk_enrol(
            session, people, actor=actor, reason=_("부서 일괄 신청: %(name)s") % {"name": department.name}
        )


LIST_COLUMNS = (
    Column("employee_number", "사번", ("employee_number", "emp_no", "employee_no", "empno"), True),
)


def list_enrol(*, session_id: int, path: Path, actor: Staff, now: dt.datetime | None = None) -> BulkResult:
    """Enrol the people a CSV/XLSX list of employee numbers names. All or nothing: any unknown,
    retired or repeated number rejects the whole file with a row-by-row Korean report
    (``ImportRejected``, read with ``intranet.directory.imports.import_report_lines``)."""
    _require_admin(actor)
    now = now or timezone.now()
    with path.open("rb") as handle:
        head = handle.read(8192)
    problem = import_file_problem(file_name=path.name, size=path.stat().st_size, head=head)
    # This runs in the web request: a list too long for it is refused before it is parsed.
    problem = problem or import_archive_problem(path)
    if not problem and import_rows_estimate(path) > settings.IEUM_IMPORT_ASYNC_ROWS:
        problem = _("명단은 한 번에 %(limit)s명까지 올릴 수 있습니다. 나누어 올려 주세요.") % {
            "limit": f"{settings.IEUM_IMPORT_ASYNC_ROWS:,}"
        }
    if problem:
        raise ImportRejected([ImportIssue(None, "", problem)])
    table = import_table_read(path=path, columns=LIST_COLUMNS)
    numbers = {row.get("employee_number", "") for _n, row in table.rows}
    known = {s.employee_number: s for s in Staff.objects.filter(employee_number__in=numbers)}
    issues: list[ImportIssue] = []
    people, seen = [], {}
    for number, row in table.rows:
        check = RowChecker(number=number, values=row, table=table, columns=LIST_COLUMNS, issues=issues)
        value = check.text("employee_number", model=Staff, required=True)
        if not value:
            continue
        staff = known.get(value)
        if staff is None:
            check.error("employee_number", _("사번 %(value)s인 직원이 없습니다.") % {"value": value})
        elif not staff.is_active:
            check.error(
                "employee_number", _("사번 %(value)s인 직원은 재직 중이 아닙니다.") % {"value": value}
            )
        else:
            check.unique("employee_number", value, seen)
            if check.ok:
                people.append(staff)
    if not table.rows:
        issues.append(ImportIssue(None, "", _("파일에 사번이 하나도 없습니다.")))
    if issues:
        raise ImportRejected(issues)
    with transaction.atomic():
        session = _locked_session(session_id)
        _check_bulk_session(session, now)
        return _bulk_enrol(
            session, people, actor=actor, reason=_("명단 일괄 신청: %(file)s") % {"file": path.name}
        )


# --- attendance and completion ----------------------------------------------------------------------


def attendance_mark(*, session_id: int, present: Iterable[int], absent: Iterable[int], actor: Staff) -> int:
    """Mark the roster: ``present`` and ``absent`` are enrolment ids of this session. A roster that
    names anyone not holding a seat in this session is refused whole."""
    _require_admin(actor)
    present, absent = set(present), set(absent)
    if present & absent:
        raise LearningError(_("같은 사람을 출석과 결석으로 함께 표시할 수 없습니다."))
    with transaction.atomic():
        session = _locked_session(session_id)
        if session.is_completed:
            raise LearningError(_("이미 수료 처리한 차수의 출석은 바꿀 수 없습니다."))
        markable = (State.ENROLLED, State.ATTENDED, State.ABSENT)
        rows = {e.pk: e for e in session.enrolments.filter(pk__in=present | absent, state__in=markable)}
        strangers = (present | absent) - rows.keys()
        if strangers:
            raise LearningError(
                _("명단에 이 차수의 수강자가 아닌 사람이 %(count)s명 있습니다. 아무것도 바꾸지 않았습니다.")
                % {"count": len(strangers)}
            )
        changed = 0
        for pk, enrolment in rows.items():
            state = State.ATTENDED if pk in present else State.ABSENT
            if enrolment.state != state:
                action = Action.ATTEND if state == State.ATTENDED else Action.ABSENT
                _set_state(enrolment, state, action=action, actor=actor)
                changed += 1
    return changed


def _certificate_code() -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud without mistakes
    return "-".join("".join(secrets.choice(alphabet) for _ in range(4)) for _ in range(3))


def session_complete(*, session_id: int, actor: Staff, now: dt.datetime | None = None) -> list[Completion]:
    """Close the session: attendees get a completion record with the course hours and a
    certificate code; absentees get nothing. Everyone holding a seat must be marked first. In the
    same transaction the course's feedback survey is opened (first session) and the attendees
    join its audience (``feedback.feedback_open_for_session``); the request follows on commit."""
    _require_admin(actor)
    now = now or timezone.now()
    with transaction.atomic():
        session = _locked_session(session_id)
        if session.is_completed:
            raise LearningError(_("이미 수료 처리한 차수입니다."))
        if not session.has_started(now):
            raise LearningError(_("교육이 시작하기 전에는 수료 처리할 수 없습니다."))
        unmarked = session.enrolments.filter(state__in=(State.ENROLLED, State.PENDING)).count()
        if unmarked:
            raise LearningError(
                _("출석을 표시하지 않은 수강자가 %(count)s명 있습니다. 출석부를 먼저 마감하세요.")
                % {"count": unmarked}
            )
        completions = []
        for enrolment in session.enrolments.filter(state=State.ATTENDED).select_related("staff"):
            _set_state(enrolment, State.COMPLETED, action=Action.COMPLETE, actor=actor)
            completions.append(
                Completion(
                    enrolment=enrolment,
                    staff=enrolment.staff,
                    course=session.course,
                    session=session,
                    hours=session.course.hours or Decimal(0),
                    completed_on=timezone.localdate(session.ends_at),
                    code=_certificate_code(),
                    issued_by=actor,
                )
            )
        Completion.objects.bulk_create(completions)
        # Waitlisted people who never got a seat: their request ends with the session.
        for enrolment in session.enrolments.filter(state=State.WAITLISTED):
            _set_state(enrolment, State.CANCELLED, action=Action.CANCEL, actor=actor, reason=_("교육 종료"))
        Session.objects.filter(pk=session.pk).update(completed_at=now, completed_by=actor)
        catalogue_cache_clear()  # the course page shows the session completed
        session.completed_at = now
        profile_sections_changed()  # the completions and the session's end sent no signal
        if completions:
            from .feedback import feedback_open_for_session

            feedback_open_for_session(session=session, completions=completions, now=now)
    from .tasks import feedback_requests_send

    transaction.on_commit(lambda: feedback_requests_send.delay(session.pk))
    return completions


def completion_url(completion: Completion) -> str:
    return reverse("learning:verify", args=[completion.code])


# --- programme review --------------------------------------------------------------------------------


def course_review_save(*, course_id: int, decision: str, reason: str, actor: Staff):
    """Record (or replace) the decision for next year on a course, with its reason. A second
    save of the same course (a double submit, two admins at once) updates the one record."""
    from .models import CoursePage, CourseReview

    _require_admin(actor)
    problems = []
    if decision not in CourseReview.Decision.values:
        problems.append(_("결정은 유지, 강화, 폐지, 신설 가운데 하나를 골라 주세요."))
    reason = (reason or "").strip()
    if not reason:
        problems.append(_("결정 사유를 적어 주세요."))
    elif len(reason) > 2000:
        problems.append(_("결정 사유는 %(limit)s자까지 적을 수 있습니다.") % {"limit": 2000})
    if not CoursePage.objects.filter(pk=course_id).exists():
        problems.append(_("그런 과정이 없습니다."))
    if problems:
        raise LearningError(problems)
    with transaction.atomic():
        review, _created = CourseReview.objects.update_or_create(
            course_id=course_id, defaults={"decision": decision, "reason": reason, "decided_by": actor}
        )
    return review
