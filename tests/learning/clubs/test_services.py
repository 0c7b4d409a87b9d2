"""Study club services: join/leave rules, the leader's log, and who may write."""

import datetime as dt

import pytest

from learning.clubs.models import Membership
from learning.clubs.selectors import clubs_of
from learning.clubs.services import (
    ClubError,
    club_create,
    club_join,
    club_leave,
    club_update,
    entry_record,
    meeting_log,
)
from tests.factories import StaffFactory, staff_with_login

from .builders import build_club

pytestmark = pytest.mark.django_db


def test_the_leader_is_the_first_member_and_names_are_unique():
    club, _people = build_club(members=0)
    assert list(Membership.objects.filter(club=club).values_list("staff", flat=True)) == [club.leader_id]
    with pytest.raises(ClubError, match="같은 이름"):
        club_create(name=club.name, leader=StaffFactory())


def test_join_twice_is_one_membership_and_leaving_keeps_history():
    club, _people = build_club(members=0)
    person = StaffFactory()
    assert club_join(club=club, staff=person) == club_join(club=club, staff=person)
    assert club_leave(club=club, staff=person) is True
    assert club_leave(club=club, staff=person) is False
    club_join(club=club, staff=person)
    assert Membership.objects.filter(club=club, staff=person).count() == 2  # left once, back again
    assert club in clubs_of(staff=person)


def test_closed_club_refuses_join_and_leave_and_leader_cannot_leave():
    club, people = build_club(members=1, is_open=False)
    with pytest.raises(ClubError, match="가입을 받지 않습니다"):
        club_join(club=club, staff=StaffFactory())
    with pytest.raises(ClubError, match="가입·탈퇴를 받지 않습니다"):
        club_leave(club=club, staff=people[0])
    with pytest.raises(ClubError, match="리더는 탈퇴할 수 없습니다"):
        club_leave(club=club, staff=club.leader)


def test_only_leader_and_learning_admin_write():
    club, people = build_club(members=1)
    with pytest.raises(ClubError, match="리더와 교육 관리자만"):
        meeting_log(club=club, by=people[0], held_on=dt.date(2025, 3, 1), topic="몰래")
    with pytest.raises(ClubError):
        club_update(club=club, by=people[0], description="x", is_open=False)
    admin = staff_with_login(roles=["learning admin"])
    meeting = meeting_log(
        club=club, by=admin, held_on=dt.date(2025, 3, 1), topic="관리자 기록", attendees=people
    )
    assert list(meeting.attendees.all()) == people
    assert club.meetings.count() == 1


def test_meeting_and_entry_refuse_bad_input_and_outsiders():
    club, people = build_club(members=1)
    outsider = StaffFactory(name="박외부")
    with pytest.raises(ClubError) as refused:
        meeting_log(
            club=club, by=club.leader, held_on=dt.date(2025, 3, 1), topic="모임", attendees=[outsider]
        )
    assert "박외부" in refused.value.message_dict["attendees"][0]
    with pytest.raises(ClubError, match="아직 열리지 않은"):
        meeting_log(club=club, by=club.leader, held_on=dt.date(2999, 1, 1), topic="미래")
    with pytest.raises(ClubError) as refused:
        entry_record(club=club, by=club.leader, competition=" ", entry_title="", held_on=dt.date(2025, 7, 1))
    assert set(refused.value.message_dict) == {"competition", "entry_title"}
    assert not club.meetings.exists() and not club.competition_entries.exists()
    entry = entry_record(
        club=club,
        by=club.leader,
        competition="국방 AI 경진대회",
        entry_title="챗봇",
        held_on=dt.date(2025, 7, 3),
        team=[club.leader, *people],
        result="우수상",
    )
    assert entry.team.count() == 2 and entry.result == "우수상"
