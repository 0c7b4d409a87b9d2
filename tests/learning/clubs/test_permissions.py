"""Who gets what on every study club URL, per role (the matrix of
tests/permissions.py). ``{club}``: someone else's club; ``{own_club}``: led by the visitor."""

import pytest

from intranet.roles import Role
from learning.clubs.models import Meeting
from tests.permissions import (
    ADMIN_DENIED,
    ANONYMOUS,
    LOGIN,
    SUPERUSER,
    VISITORS,
    WITHOUT_ADMIN,
    assert_answer,
    cases,
)

from .builders import build_club

MANAGERS = {Role.LEARNING_ADMIN: 200, SUPERUSER: 200}
ADMIN_SCREEN = {ANONYMOUS: LOGIN, **WITHOUT_ADMIN, **MANAGERS, "*": ADMIN_DENIED}

MATRIX = {
    "/learning/clubs/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/clubs/{club}/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/clubs/999999/": {ANONYMOUS: LOGIN, "*": 404},
    "/learning/clubs/{club}/edit/": {ANONYMOUS: LOGIN, **MANAGERS, "*": 403},
    "/learning/clubs/{club}/meetings/new/": {ANONYMOUS: LOGIN, **MANAGERS, "*": 403},
    "/learning/clubs/{club}/entries/new/": {ANONYMOUS: LOGIN, **MANAGERS, "*": 403},
    "/learning/clubs/{own_club}/edit/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/clubs/{own_club}/meetings/new/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/clubs/{own_club}/entries/new/": {ANONYMOUS: LOGIN, "*": 200},
    "/learning/clubs/{club}/join/": {ANONYMOUS: LOGIN, "*": 405},  # POST only
    "/learning/clubs/{club}/leave/": {ANONYMOUS: LOGIN, "*": 405},  # POST only
    "/admin/snippets/learning_clubs/club/": ADMIN_SCREEN,
    "/admin/snippets/learning_clubs/club/add/": ADMIN_SCREEN,
    "/admin/snippets/learning_clubs/club/edit/{club}/": ADMIN_SCREEN,
    "/admin/snippets/learning_clubs/membership/": ADMIN_SCREEN,
    "/admin/snippets/learning_clubs/meeting/": ADMIN_SCREEN,
    "/admin/snippets/learning_clubs/competitionentry/": ADMIN_SCREEN,
}


@pytest.mark.parametrize(("url", "visitor"), cases(MATRIX))
def test_access(client_for, url, visitor):
    client = client_for(visitor)
    club, _people = build_club(meetings=1, entries=1)
    own_club, _ = build_club(leader=client.staff, members=0, name="내 동호회")
    path = url.format(club=club.pk, own_club=own_club.pk)
    assert_answer(client.get(path), MATRIX[url], path, visitor)


@pytest.mark.parametrize("visitor", [v for v in VISITORS if v != ANONYMOUS])
def test_meeting_post_per_role(client_for, visitor):
    client = client_for(visitor)
    club, people = build_club(members=1)
    response = client.post(
        f"/learning/clubs/{club.pk}/meetings/new/",
        {"held_on": "2025-03-05", "topic": "쿠버네티스", "attendees": [people[0].pk]},
    )
    allowed = visitor in (Role.LEARNING_ADMIN, SUPERUSER)
    assert response.status_code == (302 if allowed else 403)
    assert Meeting.objects.filter(club=club).count() == (1 if allowed else 0)
