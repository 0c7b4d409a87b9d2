"""Who gets what, for every URL the project serves to people and every role (DESIGN.md, issue 2).

The matrix is data (its vocabulary and runner: tests/permissions.py): one row per URL, the
expected answer for each kind of visitor.
"""

import pytest
from django.contrib.auth.models import Group

from intranet.roles import Role
from tests.factories import StaffFactory
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

SURVEY_RESULTS = {Role.SURVEY_ADMIN: 200, Role.LEADER: 200, SUPERUSER: 200}
SURVEY_ADMIN_SCREEN = {
    ANONYMOUS: LOGIN,
    **WITHOUT_ADMIN,
    Role.SURVEY_ADMIN: 200,
    SUPERUSER: 200,
    "*": ADMIN_DENIED,
}

MATRIX = {
    "/": {ANONYMOUS: LOGIN, "*": 200},
    "/directory/": {ANONYMOUS: LOGIN, "*": 200},
    "/directory/org/": {ANONYMOUS: LOGIN, "*": 200},
    "/directory/suggest/?q=김": {ANONYMOUS: LOGIN, "*": 200},
    "/directory/org/{department}/": {ANONYMOUS: LOGIN, "*": 200},
    "/directory/{own}/": {ANONYMOUS: LOGIN, "*": 200},
    "/directory/{other}/": {ANONYMOUS: LOGIN, "*": 200},
    "/directory/{own}/edit/": {ANONYMOUS: LOGIN, "*": 200},
    "/directory/{other}/edit/": {ANONYMOUS: LOGIN, Role.HR_ADMIN: 200, SUPERUSER: 200, "*": 403},
    "/search/?q=x": {ANONYMOUS: LOGIN, "*": 200},
    "/notifications/": {ANONYMOUS: LOGIN, "*": 200},
    "/admin/": {ANONYMOUS: LOGIN, **WITHOUT_ADMIN, "*": 200},
    "/admin/directory/import/": {
        ANONYMOUS: LOGIN,
        **WITHOUT_ADMIN,
        Role.HR_ADMIN: 200,
        SUPERUSER: 200,
        "*": ADMIN_DENIED,
    },
    # The audit logs: HR admins read them; nobody deletes them, superusers included.
    "/admin/snippets/directory/personaldataaccess/": {
        ANONYMOUS: LOGIN,
        **WITHOUT_ADMIN,
        Role.HR_ADMIN: 200,
        SUPERUSER: 200,
        "*": ADMIN_DENIED,
    },
    "/admin/snippets/directory/lockout/": {
        ANONYMOUS: LOGIN,
        **WITHOUT_ADMIN,
        Role.HR_ADMIN: 200,
        SUPERUSER: 200,
        "*": ADMIN_DENIED,
    },
    # Surveys ({survey}: a launched survey whose audience holds the visitor).
    "/surveys/": {ANONYMOUS: LOGIN, "*": 200},
    "/surveys/{survey}/": {ANONYMOUS: LOGIN, "*": 302},
    "/surveys/{survey}/answer/": {ANONYMOUS: LOGIN, "*": 200},
    "/surveys/{survey}/thanks/": {ANONYMOUS: LOGIN, "*": 302},
    "/surveys/{survey}/results/": {ANONYMOUS: LOGIN, **SURVEY_RESULTS, "*": 403},
    "/surveys/{survey}/results.xlsx": {ANONYMOUS: LOGIN, **SURVEY_RESULTS, "*": 403},
    "/surveys/{survey}/tasks/": {ANONYMOUS: LOGIN, "*": 200},
    "/surveys/{survey}/tasks/new/": {ANONYMOUS: LOGIN, Role.SURVEY_ADMIN: 200, SUPERUSER: 200, "*": 403},
    # The evidence of a task not yet published: only those who see every task (404 to others).
    "/surveys/{survey}/tasks/{task}/evidence/": {ANONYMOUS: LOGIN, **SURVEY_RESULTS, "*": 404},
    "/admin/snippets/surveys/survey/": SURVEY_ADMIN_SCREEN,
    "/admin/snippets/surveys/survey/launch/{survey}/": SURVEY_ADMIN_SCREEN,
    "/admin/snippets/surveys/surveyquestion/": SURVEY_ADMIN_SCREEN,
    "/admin/snippets/surveys/improvementtask/": SURVEY_ADMIN_SCREEN,
    # Performance ({programme}: someone else's programme; {own_programme}: the visitor's own).
    "/performance/": {ANONYMOUS: LOGIN, "*": 200},
    "/performance/export.xlsx": {ANONYMOUS: LOGIN, "*": 200},
    "/performance/departments/{department}/": {ANONYMOUS: LOGIN, "*": 200},
    "/performance/programmes/{programme}/": {ANONYMOUS: LOGIN, "*": 200},
    "/performance/programmes/{programme}/update/": {
        ANONYMOUS: LOGIN,
        Role.PLANNER: 200,
        SUPERUSER: 200,
        "*": 403,
    },
    "/performance/programmes/{own_programme}/update/": {ANONYMOUS: LOGIN, "*": 200},
    "/performance/programmes/{programme}/status/": {ANONYMOUS: LOGIN, "*": 405},  # POST only
    "/healthz": {"*": 200},
    "/feeds/renew/": {ANONYMOUS: LOGIN, "*": 405},  # POST only
    "/accounts/login/": {"*": 200},
    "/accounts/logout/": {ANONYMOUS: LOGIN, "*": 405},  # POST only (Django's log-out)
    "/i18n/setlang/": {"*": 302},  # back to where the language was chosen (a POST sets it)
    "/notifications/read/": {ANONYMOUS: LOGIN, "*": 405},  # POST only
    "/notifications/{own_notification}/open/": {ANONYMOUS: LOGIN, "*": 302},
    "/notifications/{notification}/open/": {ANONYMOUS: LOGIN, "*": 404},  # someone else's
    "/surveys/{survey}/tasks/{task}/edit/": {
        ANONYMOUS: LOGIN,
        Role.SURVEY_ADMIN: 200,
        SUPERUSER: 200,
        "*": 403,
    },
    "/surveys/{survey}/tasks/{task}/publish/": {ANONYMOUS: LOGIN, "*": 405},  # POST only
    "/media/{image_file}": {ANONYMOUS: LOGIN, "*": 200},
    "/documents/{document}/{document_file}": {ANONYMOUS: LOGIN, "*": 200},
    # Wagtail's privacy passwords: Ieum puts none on pages or collections (404 for an unknown one);
    # Wagtail's log-in for private pages is the site's own (LOGIN_URL), this one never linked.
    "/documents/authenticate_with_password/{missing}/": {ANONYMOUS: LOGIN, "*": 404},
    "/_util/authenticate_with_password/{missing}/{home_page}/": {ANONYMOUS: LOGIN, "*": 404},
    "/_util/login/": {"*": 200},
}


def launched_survey():
    from intranet.surveys.services import survey_launch
    from tests.surveys.builders import build_survey

    survey = build_survey()
    survey_launch(survey=survey)
    return survey


def unpublished_task(survey):
    """An improvement task of ``survey`` with an evidence file, not yet published."""
    import datetime as dt

    from django.core.files.base import ContentFile

    from intranet.surveys.models import Area, ImprovementTask
    from tests.factories import DepartmentFactory

    return ImprovementTask.objects.create(
        survey=survey,
        area=Area.objects.get_or_create(code="leadership", defaults={"name": "리더십"})[0],
        title="회의 줄이기",
        department=DepartmentFactory(),
        owner=StaffFactory(),
        due_date=dt.date(2025, 12, 31),
        evidence=ContentFile(b"%PDF-1.4\n", name="결과.pdf"),
    )


def performance_programmes(own, other):
    """A programme of this year's plan owned by ``other`` and one owned by ``own``."""
    from django.utils import timezone

    from tests.performance.builders import build_plan, build_programme

    plan = build_plan(timezone.localdate().year)
    return (
        build_programme(plan, code="P-OTHER", owner=other, department=other.department),
        build_programme(plan, code="P-OWN", owner=own, department=other.department),
    )


def objects_for(url: str, me, other, survey) -> dict:
    """The objects a row names beyond people, surveys and programmes (built only when named)."""
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document
    from wagtail.models import Page

    from intranet.home.services import notification_send
    from tests.newsroom.builders import image

    found = {"missing": 999999}
    if "notification}" in url:
        found["own_notification"] = notification_send(recipient=me, key="k", title="알림", email=False).pk
        found["notification"] = notification_send(recipient=other, key="k", title="알림", email=False).pk
    if "{image_file}" in url:
        found["image_file"] = image().file.name
    if "{document}" in url:
        document = Document.objects.create(title="자료", file=ContentFile(b"%PDF-1.4", name="a.pdf"))
        found["document"], found["document_file"] = document.pk, document.filename
    if "{home_page}" in url:
        found["home_page"] = Page.objects.filter(depth=2).first().pk
    return found


def test_matrix_covers_every_role_and_role_groups_exist(db):
    assert set(VISITORS) == {ANONYMOUS, SUPERUSER, *Role.values}
    assert set(Group.objects.values_list("name", flat=True)) >= set(Role.values)


@pytest.mark.parametrize(("url", "visitor"), cases(MATRIX))
def test_access(client_for, url, visitor):
    client = client_for(visitor)
    other = StaffFactory(name="이영희")
    survey = launched_survey() if "{survey}" in url else None
    programme, own_programme = (
        performance_programmes(client.staff, other) if url.startswith("/performance/") else (None, None)
    )
    extra = objects_for(url, client.staff, other, survey)
    path = url.format(
        **extra,
        own=client.staff.employee_number,
        other=other.employee_number,
        department=other.department.code,
        survey=getattr(survey, "pk", ""),
        programme=getattr(programme, "pk", ""),
        own_programme=getattr(own_programme, "pk", ""),
        task=getattr(unpublished_task(survey) if "{task}" in url else None, "pk", ""),
    )

    assert_answer(client.get(path), MATRIX[url], path, visitor)


def test_admin_link_roles_are_the_groups_that_may_open_the_admin(db):
    from intranet.roles import ADMIN_ROLES

    may_open = set(
        Group.objects.filter(
            permissions__codename="access_admin", permissions__content_type__app_label="wagtailadmin"
        ).values_list("name", flat=True)
    )
    # Among Ieum's role groups (Wagtail's own "Editors" and "Moderators" are not used here).
    assert may_open & set(Role.values) == {role.value for role in ADMIN_ROLES}
