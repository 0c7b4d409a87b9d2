"""Enrolment services: seats, waitlist, promotion, approval, capacity, bulk, attendance, completion."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from intranet.directory.imports import ImportRejected, import_report_lines
from intranet.home.models import Notification
from intranet.models import AppendOnlyError
from learning import services
from learning.models import Completion, Enrolment, EnrolmentEvent
from learning.services import LearningError
from tests.factories import DepartmentFactory, StaffFactory

from .builders import build_course, build_session, learning_admin

pytestmark = pytest.mark.django_db
State = Enrolment.State


def states(session):
    return dict(session.enrolments.values_list("staff_id", "state"))


def test_enrol_takes_a_seat_and_records_who_and_why():
    session = build_session(capacity=2)
    person = StaffFactory()
    enrolment = services.enrolment_create(session_id=session.pk, staff=person)
    assert enrolment.state == State.ENROLLED
    event = EnrolmentEvent.objects.get(enrolment=enrolment)
    assert (event.action, event.from_state, event.to_state, event.actor) == ("enrol", "", "enrolled", person)
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_full_session_waitlists_in_first_come_order_and_cancel_promotes_first_in_line():
    session = build_session(capacity=1)
    first, second, third = StaffFactory(), StaffFactory(), StaffFactory()
    seat = services.enrolment_create(session_id=session.pk, staff=first)
    w2 = services.enrolment_create(session_id=session.pk, staff=second)
    w3 = services.enrolment_create(session_id=session.pk, staff=third)
    assert (w2.state, w3.state) == (State.WAITLISTED, State.WAITLISTED)
    assert w2.queue_number < w3.queue_number

    services.enrolment_cancel(enrolment_id=seat.pk, actor=first, reason="출장")
    assert states(session) == {
        first.pk: State.CANCELLED,
        second.pk: State.ENROLLED,
        third.pk: State.WAITLISTED,
    }
    promote = EnrolmentEvent.objects.get(enrolment=w2, action="promote")
    assert promote.actor is None and promote.reason
    notice = Notification.objects.get(recipient=second)
    assert notice.key.startswith("learning.promoted.") and session.course.title in notice.title
    assert not Notification.objects.filter(recipient=third).exists()
    cancel = EnrolmentEvent.objects.get(enrolment=seat, action="cancel")
    assert (cancel.actor, cancel.reason) == (first, "출장")


def test_no_promotion_after_the_promotion_cut_off():
    session = build_session(capacity=1)
    a, b = StaffFactory(), StaffFactory()
    seat = services.enrolment_create(session_id=session.pk, staff=a)
    services.enrolment_create(session_id=session.pk, staff=b)
    later = session.promotion_cutoff_at + dt.timedelta(minutes=1)
    admin = learning_admin()
    services.enrolment_cancel(enrolment_id=seat.pk, actor=admin, now=later)
    assert states(session)[b.pk] == State.WAITLISTED


def test_capacity_increase_promotes_and_decrease_below_taken_is_refused():
    session = build_session(capacity=1)
    people = StaffFactory.create_batch(4)
    for p in people:
        services.enrolment_create(session_id=session.pk, staff=p)
    admin = learning_admin()
    services.session_capacity_change(session_id=session.pk, capacity=3, actor=admin)
    assert [states(session)[p.pk] for p in people] == [State.ENROLLED] * 3 + [State.WAITLISTED]
    with pytest.raises(LearningError, match="줄일 수 없습니다"):
        services.session_capacity_change(session_id=session.pk, capacity=2, actor=admin)
    session.refresh_from_db()
    assert session.capacity == 3
    with pytest.raises(LearningError, match="교육 관리자"):
        services.session_capacity_change(session_id=session.pk, capacity=9, actor=people[0])


@pytest.mark.parametrize(
    "case, message",
    [
        ("before_window", "신청 기간이 아닙니다"),
        ("after_window", "신청 기간이 끝났습니다"),
        ("past", "이미 시작했거나 끝난"),
        ("twice", "이미 이 차수에 신청했습니다"),
        ("full_no_waitlist", "대기자를 받지 않습니다"),
    ],
)
def test_bad_enrolments_are_refused_in_korean_and_change_nothing(case, message):
    person = StaffFactory()
    now = timezone.now()
    if case == "past":
        session = build_session(starts_in=-dt.timedelta(hours=1), enrol_closes_at=now + dt.timedelta(days=1))
    else:
        session = build_session(capacity=1, waitlist=case != "full_no_waitlist")
    if case in ("twice", "full_no_waitlist"):
        services.enrolment_create(session_id=session.pk, staff=person if case == "twice" else StaffFactory())
    when = {
        "before_window": session.enrol_opens_at - dt.timedelta(minutes=1),
        "after_window": session.enrol_closes_at + dt.timedelta(minutes=1),
    }.get(case)
    before = (Enrolment.objects.count(), EnrolmentEvent.objects.count())
    with pytest.raises(LearningError, match=message):
        services.enrolment_create(session_id=session.pk, staff=person, now=when)
    assert (Enrolment.objects.count(), EnrolmentEvent.objects.count()) == before


def test_cancel_after_cut_off_is_refused_but_a_learning_admin_may():
    session = build_session()
    person = StaffFactory()
    enrolment = services.enrolment_create(session_id=session.pk, staff=person)
    late = session.cancel_cutoff_at + dt.timedelta(minutes=1)
    with pytest.raises(LearningError, match="취소 마감"):
        services.enrolment_cancel(enrolment_id=enrolment.pk, actor=person, now=late)
    enrolment.refresh_from_db()
    assert enrolment.state == State.ENROLLED
    with pytest.raises(LearningError, match="본인의 신청만"):
        services.enrolment_cancel(enrolment_id=enrolment.pk, actor=StaffFactory())
    services.enrolment_cancel(enrolment_id=enrolment.pk, actor=learning_admin(), reason="부서 요청", now=late)
    enrolment.refresh_from_db()
    assert enrolment.state == State.CANCELLED


def test_cancelled_person_may_enrol_again_and_joins_the_end_of_the_line():
    session = build_session(capacity=1)
    a, b = StaffFactory(), StaffFactory()
    first = services.enrolment_create(session_id=session.pk, staff=a)
    services.enrolment_create(session_id=session.pk, staff=b)
    services.enrolment_cancel(enrolment_id=first.pk, actor=a)
    again = services.enrolment_create(session_id=session.pk, staff=a)
    assert again.pk == first.pk and again.state == State.WAITLISTED
    assert states(session) == {a.pk: State.WAITLISTED, b.pk: State.ENROLLED}


def test_approval_holds_the_seat_until_the_head_decides():
    department = DepartmentFactory()
    head = StaffFactory(department=department)
    department.head = head
    department.save()
    course = build_course(requires_approval=True)
    session = build_session(course, capacity=1)
    person, other = StaffFactory(department=department), StaffFactory()
    pending = services.enrolment_create(session_id=session.pk, staff=person)
    assert pending.state == State.PENDING
    assert services.enrolment_create(session_id=session.pk, staff=other).state == State.WAITLISTED
    with pytest.raises(LearningError, match="부서장"):
        services.enrolment_decide(enrolment_id=pending.pk, actor=other, approve=True)
    with pytest.raises(LearningError, match="반려 사유"):
        services.enrolment_decide(enrolment_id=pending.pk, actor=head, approve=False)
    services.enrolment_decide(enrolment_id=pending.pk, actor=head, approve=False, reason="업무 일정")
    # The rejected seat went to the next in line, who now waits for approval in turn.
    assert states(session) == {person.pk: State.CANCELLED, other.pk: State.PENDING}
    nxt = Enrolment.objects.get(staff=other)
    services.enrolment_decide(enrolment_id=nxt.pk, actor=learning_admin(), approve=True)
    nxt.refresh_from_db()
    assert nxt.state == State.ENROLLED
    assert list(nxt.events.values_list("action", flat=True)) == ["waitlist", "promote", "approve"]


def test_department_enrolment_fills_seats_then_waitlists_and_skips_those_already_in():
    department = DepartmentFactory()
    child = DepartmentFactory(parent=department)
    people = [StaffFactory(department=department) for _ in range(3)] + [StaffFactory(department=child)]
    StaffFactory(department=department, is_active=False)
    session = build_session(capacity=2)
    services.enrolment_create(session_id=session.pk, staff=people[0])
    result = services.department_enrol(session_id=session.pk, department=department, actor=learning_admin())
    assert (len(result.enrolled), len(result.waitlisted), len(result.skipped)) == (1, 2, 1)
    assert session.enrolments.count() == 4
    assert "1명 신청" in result.summary


def test_list_enrolment_is_all_or_nothing_with_a_korean_report(tmp_path):
    session = build_session(capacity=5)
    a, b = StaffFactory(), StaffFactory()
    retired = StaffFactory(is_active=False)
    bad = tmp_path / "list.csv"
    bad.write_text(
        f"사번\n{a.employee_number}\nNOPE\n{retired.employee_number}\n{a.employee_number}\n", encoding="utf-8"
    )
    with pytest.raises(ImportRejected) as caught:
        services.list_enrol(session_id=session.pk, path=bad, actor=learning_admin())
    lines = import_report_lines(issues=[i.as_dict() for i in caught.value.issues])
    assert any("3행" in line and "NOPE" in line for line in lines)
    assert any("4행" in line and "재직 중이 아닙니다" in line for line in lines)
    assert any("5행" in line and "중복" in line for line in lines)
    assert session.enrolments.count() == 0
    good = tmp_path / "good.csv"
    good.write_text(f"사번\n{a.employee_number}\n{b.employee_number}\n", encoding="utf-8")
    result = services.list_enrol(session_id=session.pk, path=good, actor=learning_admin())
    assert len(result.enrolled) == 2
    assert set(EnrolmentEvent.objects.values_list("action", flat=True)) == {"bulk"}


def test_roster_naming_strangers_is_refused_and_completion_gives_attendees_hours(
    django_capture_on_commit_callbacks,
):
    course = build_course(hours=Decimal("12"))
    session = build_session(course, capacity=3)
    admin = learning_admin()
    a, b, c = StaffFactory.create_batch(3)
    ea, eb, ec = (services.enrolment_create(session_id=session.pk, staff=p) for p in (a, b, c))
    other = services.enrolment_create(session_id=build_session(course).pk, staff=a)
    with pytest.raises(LearningError, match="수강자가 아닌"):
        services.attendance_mark(session_id=session.pk, present=[ea.pk, other.pk], absent=[], actor=admin)
    assert set(states(session).values()) == {State.ENROLLED}
    services.attendance_mark(session_id=session.pk, present=[ea.pk, eb.pk], absent=[], actor=admin)
    started = session.starts_at + dt.timedelta(hours=5)
    with pytest.raises(LearningError, match="출석을 표시하지 않은"):
        services.session_complete(session_id=session.pk, actor=admin, now=started)
    services.attendance_mark(session_id=session.pk, present=[], absent=[ec.pk], actor=admin)
    with pytest.raises(LearningError, match="시작하기 전"):
        services.session_complete(session_id=session.pk, actor=admin)
    with django_capture_on_commit_callbacks(execute=True):
        done = services.session_complete(session_id=session.pk, actor=admin, now=started)
    assert {c.staff for c in done} == {a, b}
    assert all(c.hours == Decimal("12") and len(c.code) == 14 for c in done)
    assert states(session) == {a.pk: State.COMPLETED, b.pk: State.COMPLETED, c.pk: State.ABSENT}
    assert Completion.objects.count() == 2
    # The feedback request went out to the two who completed (tasks run eagerly in tests).
    assert Notification.objects.filter(key=f"learning.feedback.{session.pk}").count() == 2
    with pytest.raises(LearningError, match="이미 수료"):
        services.session_complete(session_id=session.pk, actor=admin, now=started)
