"""Study club pages: join and leave, the leader's forms, the profile section, query budgets."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learning.clubs.models import CompetitionEntry, Meeting, Membership
from tests.factories import StaffFactory

from .builders import build_club

pytestmark = pytest.mark.django_db


def test_member_joins_and_leaves_an_open_club(login_as):
    client = login_as()
    club, _people = build_club()
    page = client.get(club.get_absolute_url()).content.decode()
    assert 'data-testid="club-join"' in page and 'data-testid="meeting-new"' not in page
    client.post(f"/learning/clubs/{club.pk}/join/")
    client.post(f"/learning/clubs/{club.pk}/join/")  # a double click
    assert Membership.objects.filter(club=club, staff=client.staff, left_at=None).count() == 1
    page = client.get(club.get_absolute_url()).content.decode()
    assert 'data-testid="club-leave"' in page
    client.post(f"/learning/clubs/{club.pk}/leave/")
    assert not Membership.objects.filter(club=club, staff=client.staff, left_at=None).exists()


def test_closed_club_says_so(login_as):
    client = login_as()
    club, _people = build_club(is_open=False)
    response = client.post(f"/learning/clubs/{club.pk}/join/", follow=True)
    assert "가입을 받지 않습니다" in response.content.decode()
    assert not Membership.objects.filter(club=club, staff=client.staff).exists()


def test_leader_logs_a_meeting_and_an_entry_with_bad_input_refused(login_as):
    leader = login_as()
    club, people = build_club(leader=leader.staff)
    outsider = StaffFactory()
    bad = leader.post(
        f"/learning/clubs/{club.pk}/meetings/new/",
        {"held_on": "", "topic": "", "attendees": [outsider.pk]},
    ).content.decode()
    assert "모임 날짜를 적어 주세요" in bad and "모임 주제를 적어 주세요" in bad
    assert "회원이 아닌 사람은 참석자로 고를 수 없습니다" in bad
    assert not Meeting.objects.exists()
    ok = leader.post(
        f"/learning/clubs/{club.pk}/meetings/new/",
        {
            "held_on": "2025-04-10",
            "topic": "RAG 실습",
            "notes": "규정 검색",
            "attendees": [p.pk for p in people],
        },
    )
    assert ok.status_code == 302
    leader.post(
        f"/learning/clubs/{club.pk}/entries/new/",
        {
            "competition": "국방 AI 경진대회",
            "entry_title": "챗봇",
            "held_on": "2025-07-03",
            "team": [people[0].pk],
            "result": "우수상",
        },
    )
    page = leader.get(club.get_absolute_url()).content.decode()
    assert "RAG 실습" in page and "국방 AI 경진대회" in page and "우수상" in page
    assert CompetitionEntry.objects.get().team.get() == people[0]


def test_leader_edits_the_description_and_closes_the_club(login_as):
    leader = login_as()
    club, _people = build_club(leader=leader.staff)
    leader.post(f"/learning/clubs/{club.pk}/edit/", {"description": "새 소개"})
    club.refresh_from_db()
    assert (club.description, club.is_open) == ("새 소개", False)


def test_clubs_show_on_members_profiles(login_as):
    viewer = login_as()
    club, people = build_club()
    page = viewer.get(people[0].get_absolute_url()).content.decode()
    assert 'data-testid="section-learning_clubs.clubs"' in page and club.name in page
    leader_page = viewer.get(club.leader.get_absolute_url()).content.decode()
    assert "리더" in leader_page


@pytest.mark.parametrize("url", ["list", "detail", "meeting_new", "entry_new", "profile"])
def test_query_budget_is_the_same_at_two_sizes(login_as, url):
    client = login_as("learning admin")
    counts = []
    for size in (2, 20):
        club, people = build_club(members=size, meetings=size, entries=size, name=f"동호회 {size}")
        for i in range(size):
            build_club(members=1, name=f"다른 동호회 {size}-{i}")
        path = {
            "list": "/learning/clubs/",
            "detail": club.get_absolute_url(),
            "meeting_new": f"/learning/clubs/{club.pk}/meetings/new/",
            "entry_new": f"/learning/clubs/{club.pk}/entries/new/",
            "profile": people[0].get_absolute_url(),
        }[url]
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] and counts[1] <= 15, counts
