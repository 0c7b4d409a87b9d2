"""Who gets what on every admin URL of the newsroom's records, per role (tests/permissions.py).

Leaders and editors moderate interview questions (questions come from the site: nobody adds or
deletes them here); editors keep the PR log and the partnerships. The newsroom's pages are in
tests/core/test_admin_permissions.py with the rest of the page tree."""

import datetime as dt
import uuid

from django.utils import timezone

from intranet.roles import Role
from newsroom.activity.models import Partnership, PrActivity
from newsroom.interviews.models import Question
from tests.factories import DepartmentFactory
from tests.newsroom.interviews.builders import leader
from tests.permissions import (
    SUPERUSER,
    admin_visitors,
    check_routes,
    model_viewset_routes,
    snippet_routes,
)

MODERATORS = (Role.LEADER, Role.EDITOR, SUPERUSER)
EDITORS = dict.fromkeys((Role.EDITOR, SUPERUSER), 200)
ADMIN_ROUTES = {
    **snippet_routes(
        "newsroom_interviews.question",
        any=MODERATORS,
        add=(SUPERUSER,),
        change=MODERATORS,
        delete=(SUPERUSER,),
        choose=MODERATORS,
        create=(SUPERUSER,),
    ),
    **model_viewset_routes("newsroom_pr", EDITORS, "pr"),
    **model_viewset_routes("newsroom_partnerships", EDITORS, "partnership"),
}


def world() -> dict:
    return {
        "newsroom_interviews.question": Question.objects.create(
            leader=leader(name="정대현"),
            text="질문",
            asked_on=timezone.localdate(),
            submission_key=uuid.uuid4(),
        ),
        "pr": PrActivity.objects.create(date=dt.date(2025, 5, 8), channel="broadcast", title="보도"),
        "partnership": Partnership.objects.create(
            partner="명지대학교",
            kind="mou",
            date=dt.date(2025, 6, 18),
            scope="협력",
            department=DepartmentFactory(),
        ),
    }


def test_admin_routes(login_as):
    check_routes(admin_visitors(login_as), ADMIN_ROUTES, world())
