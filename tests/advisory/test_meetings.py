"""Meetings: quorum arithmetic with recusals (a recused member is not counted for the item), the
refusals around recusal and advice, minutes draft → approved and nothing changes after approval."""

import datetime as dt

import pytest

from advisory import selectors, services
from advisory.models import Advice, Attendance, Meeting, Recusal
from tests.advisory.builders import approve, committee, meeting, secretary
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def sec():
    return secretary()


def test_required_is_more_than_half_of_the_members_in_office():
    assert [selectors.required_for(n) for n in (1, 2, 5, 6, 9)] == [1, 2, 3, 4, 5]


def test_quorum_excludes_recused_members_per_item(sec):
    members = committee(sec, 5)  # required: 3
    record, (first, second) = meeting(sec, items=2)
    services.attendance_record(by=sec, meeting=record, present=members[:3])
    services.recusal_declare(by=sec, item=first, member=members[0], reason="소속 기관이 사업에 참여")
    rows = {row.item.pk: row for row in selectors.quorum(meeting=record)}
    assert (rows[first.pk].enrolled, rows[first.pk].present, rows[first.pk].counted) == (5, 3, 2)
    assert not rows[first.pk].met  # 2 < 3 once the recused member leaves
    assert rows[second.pk].counted == 3 and rows[second.pk].met


def test_members_outside_their_term_are_not_enrolled(sec):
    committee(sec, 4)  # in office 2025-03-14 ~ 2027-03-13
    record, _items = meeting(sec, day=dt.date(2025, 1, 10))
    assert selectors.quorum(meeting=record)[0].enrolled == 0
    with pytest.raises(services.AdvisoryError, match="임기 중인 위원만"):
        services.attendance_record(
            by=sec, meeting=record, present=committee(sec, 1, start=dt.date(2025, 6, 1))
        )


def test_allowance_is_owed_to_members_present_only(sec):
    members = committee(sec, 4)
    record, _items = meeting(sec)
    services.attendance_record(by=sec, meeting=record, present=members[:3])
    rows = {a.member_id: (a.present, a.allowance) for a in Attendance.objects.filter(meeting=record)}
    assert sorted(rows.values()) == [(False, 0), (True, 200_000), (True, 200_000), (True, 200_000)]
    assert sum(a.allowance for a in selectors.allowance_rows(year=2025)) == 600_000


def test_a_recused_member_cannot_be_counted_or_give_advice(sec):
    members = committee(sec, 5)
    record, (item,) = meeting(sec)
    services.attendance_record(by=sec, meeting=record, present=members)
    services.recusal_declare(by=sec, item=item, member=members[1], reason="이해관계")
    with pytest.raises(services.AdvisoryError) as refused:
        services.advice_give(
            by=sec,
            item=item,
            text="지표를 다시 정의할 것",
            department=DepartmentFactory(),
            due_on=dt.date(2025, 5, 17),
            given_by=[members[0], members[1]],
        )
    assert (
        "이해충돌로 회피한 위원(오세린)은 이 안건의 정족수와 의견에 넣을 수 없습니다."
        in (refused.value.message_dict["given_by"])
    )
    assert not Advice.objects.exists()


def test_advice_on_an_item_without_quorum_is_refused(sec):
    members = committee(sec, 5)
    record, (item,) = meeting(sec)
    services.attendance_record(by=sec, meeting=record, present=members[:3])
    services.recusal_declare(by=sec, item=item, member=members[2], reason="이해관계")
    with pytest.raises(
        services.AdvisoryError, match="회피 위원을 빼면 정족수\\(3명\\)에 못 미칩니다\\(2명\\)"
    ):
        services.advice_give(
            by=sec,
            item=item,
            text="의견",
            department=DepartmentFactory(),
            due_on=dt.date(2025, 5, 1),
            given_by=[members[0]],
        )
    assert not Advice.objects.exists()


def test_advice_without_a_department_is_refused(sec):
    members = committee(sec, 3)
    record, (item,) = meeting(sec)
    services.attendance_record(by=sec, meeting=record, present=members)
    with pytest.raises(services.AdvisoryError) as refused:
        services.advice_give(by=sec, item=item, text="의견", department=None, due_on=dt.date(2025, 5, 1))
    assert refused.value.message_dict["department"] == ["자문의견에는 회신할 담당 부서가 있어야 합니다."]
    assert not Advice.objects.exists()


def test_only_members_present_may_recuse(sec):
    members = committee(sec, 3)
    record, (item,) = meeting(sec)
    services.attendance_record(by=sec, meeting=record, present=members[:2])
    with pytest.raises(services.AdvisoryError, match="출석한 위원만"):
        services.recusal_declare(by=sec, item=item, member=members[2], reason="이해관계")
    assert not Recusal.objects.exists()


def test_minutes_are_final_once_approved(sec):
    members = committee(sec, 3)
    record, (item,) = meeting(sec)
    services.attendance_record(by=sec, meeting=record, present=members)
    with pytest.raises(services.AdvisoryError) as empty:
        services.minutes_approve(by=sec, meeting=record)
    assert empty.value.message_dict["minutes"] == ["회의록 내용이 비어 있어 확정할 수 없습니다."]
    approved = approve(sec, record, minutes="확정 전 회의록")
    assert approved.minutes_status == Meeting.MinutesStatus.APPROVED and approved.minutes_approved_by == sec
    for attempt in (
        lambda: services.meeting_save(by=sec, fields={"minutes": "고친 회의록"}, meeting=approved),
        lambda: services.agenda_item_add(
            by=sec, meeting=approved, title="추가", presenter_department=item.presenter_department
        ),
        lambda: services.attendance_record(by=sec, meeting=approved, present=members[:1]),
        lambda: services.recusal_declare(by=sec, item=item, member=members[0], reason="늦은 신고"),
        lambda: services.minutes_approve(by=sec, meeting=approved),
    ):
        with pytest.raises(services.AdvisoryError, match="회의록은 확정되어 더 고칠 수 없습니다"):
            attempt()
    approved.refresh_from_db()
    assert approved.minutes == "확정 전 회의록" and approved.items.count() == 1
    assert Attendance.objects.filter(meeting=approved, present=True).count() == 3


def test_the_database_requires_an_approver_for_approved_minutes(sec):
    from django.db import IntegrityError, transaction

    record, _items = meeting(sec, items=0)
    with pytest.raises(IntegrityError), transaction.atomic():
        Meeting.objects.filter(pk=record.pk).update(minutes_status="approved")
