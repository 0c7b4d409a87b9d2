"""Clubs for the study club tests, made through the services."""

import datetime as dt

from learning.clubs.services import club_create, club_join, entry_record, meeting_log
from tests.factories import StaffFactory


def build_club(*, leader=None, members=2, name=None, is_open=True, meetings=0, entries=0):
    leader = leader or StaffFactory(name="정대현")
    club = club_create(
        name=name or f"AI 연구회 {leader.pk}", leader=leader, description="sLLM 공부", is_open=True
    )
    people = [StaffFactory() for _ in range(members)]
    for person in people:
        club_join(club=club, staff=person)
    for i in range(meetings):
        meeting_log(
            club=club, by=leader, held_on=dt.date(2025, 3, 1), topic=f"모임 {i}", attendees=people[:2]
        )
    for i in range(entries):
        entry_record(
            club=club,
            by=leader,
            competition=f"경진대회 {i}",
            entry_title="챗봇",
            held_on=dt.date(2025, 7, 3),
            team=people[:2],
            result="우수상",
        )
    if not is_open:
        club.is_open = False
        club.save()
    return club, people
