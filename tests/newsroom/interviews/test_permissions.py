"""Who gets what on every interview URL, for every role (the matrix of tests/permissions.py)."""

import uuid

import pytest
from django.utils import timezone

from intranet.roles import Role
from newsroom.interviews.models import Question
from tests.newsroom.interviews.builders import answered, leader, publish
from tests.permissions import ADMIN_DENIED, ANONYMOUS, LOGIN, SUPERUSER, WITHOUT_ADMIN, assert_answer, cases

MODERATORS = {Role.LEADER: 200, Role.EDITOR: 200, SUPERUSER: 200}
ADMIN_SCREEN = {ANONYMOUS: LOGIN, **WITHOUT_ADMIN, **MODERATORS, "*": ADMIN_DENIED}

MATRIX = {
    "/newsroom/interviews/": {ANONYMOUS: LOGIN, "*": 200},
    "/newsroom/interviews/sent/": {ANONYMOUS: LOGIN, "*": 200},
    "/newsroom/interviews/queue/": {ANONYMOUS: LOGIN, **MODERATORS, "*": 403},
    "/newsroom/interviews/publish/": {ANONYMOUS: LOGIN, **MODERATORS, "*": 403},
    "/newsroom/interviews/questions/{question}/decide/": {ANONYMOUS: LOGIN, "*": 405},  # POST only
    # {question}: sent to another leader; {own_question}: sent to the visitor (and selected).
    "/newsroom/interviews/questions/{question}/answer/": {ANONYMOUS: LOGIN, "*": 403},
    "/newsroom/interviews/questions/{own_question}/answer/": {
        ANONYMOUS: LOGIN,
        Role.LEADER: 200,
        SUPERUSER: 200,
        "*": 403,
    },
    "/newsroom/interviews/questions/{missing}/answer/": {ANONYMOUS: LOGIN, "*": 404},
    "{episode}": {ANONYMOUS: LOGIN, "*": 200},
    "/admin/snippets/newsroom_interviews/question/": ADMIN_SCREEN,
}


@pytest.mark.parametrize(("url", "visitor"), cases(MATRIX))
def test_access(client_for, url, visitor):
    client = client_for(visitor)
    boss = leader(name="정대현")
    question = Question.objects.create(
        leader=boss, text="다른 리더에게", asked_on=timezone.localdate(), submission_key=uuid.uuid4()
    )
    own = Question.objects.create(
        leader=client.staff,
        text="나에게 온 질문",
        asked_on=timezone.localdate(),
        submission_key=uuid.uuid4(),
        status=Question.Status.SELECTED,
    )
    episode = publish(boss, [answered(client.staff, boss)]) if url == "{episode}" else None
    path = url.format(
        question=question.pk,
        own_question=own.pk,
        missing=uuid.uuid4(),
        episode=episode.get_url() if episode else "",
    )
    response = client.get(path)
    assert_answer(response, MATRIX[url], path, visitor)
