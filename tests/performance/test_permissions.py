"""Who gets what on every performance URL, per role (the matrix of tests/permissions.py).

Planners manage everything; an owner or co-owner acts only on their own programme; a judge scores
only as a judge; everyone signed in reads the plan, the meeting page and the contest. Each URL is
one test: the world is built once and every kind of visitor is tried against it. ``POST`` rows
check the writes themselves (a GET to them is 405 for everyone signed in).
"""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from intranet.roles import Role
from performance.models import ActionItem, Entry, Proposal
from performance.services import contest_setup, proposal_decide, snapshot_take
from tests.factories import DepartmentFactory, StaffFactory
from tests.performance.builders import build_plan, build_programme, planner
from tests.permissions import (
    ADMIN_DENIED,
    ANONYMOUS,
    LOGIN,
    SUPERUSER,
    VISITORS,
    WITHOUT_ADMIN,
    assert_answer,
    visitor_client,
)

EVERYONE = {ANONYMOUS: LOGIN, "*": 200}
PLANNERS = {ANONYMOUS: LOGIN, Role.PLANNER: 200, SUPERUSER: 200, "*": 403}
PLANNER_POSTS = {ANONYMOUS: LOGIN, Role.PLANNER: 302, SUPERUSER: 302, "*": 403}
POST_ONLY = {ANONYMOUS: LOGIN, "*": 405}
ADMIN_SCREEN = {ANONYMOUS: LOGIN, **WITHOUT_ADMIN, Role.PLANNER: 200, SUPERUSER: 200, "*": ADMIN_DENIED}
YEAR = timezone.localdate().year

GETS = {
    "/performance/": EVERYONE,
    "/performance/export.xlsx": EVERYONE,
    "/performance/departments/{department}/": EVERYONE,
    "/performance/programmes/{programme}/": EVERYONE,
    "/performance/programmes/{programme}/update/": PLANNERS,
    "/performance/programmes/{own_programme}/update/": EVERYONE,
    "/performance/programmes/{programme}/status/": POST_ONLY,
    "/performance/proposals/": EVERYONE,
    "/performance/proposals/new/": EVERYONE,
    "/performance/proposals/review/": PLANNERS,
    # A proposal's page: the proposer and planners see any; everyone sees an accepted one.
    "/performance/proposals/{proposal}/": PLANNERS,
    "/performance/proposals/{own_proposal}/": EVERYONE,
    "/performance/proposals/{accepted}/": EVERYONE,
    "/performance/proposals/{missing_proposal}/": {ANONYMOUS: LOGIN, "*": 404},
    "/performance/proposals/{proposal}/decide/": POST_ONLY,
    "/performance/proposals/{proposal}/merge/": POST_ONLY,
    "/performance/proposals/{accepted}/programme/": PLANNERS,
    "/performance/snapshots/": EVERYONE,
    "/performance/snapshots/new/": PLANNERS,
    "/performance/snapshots/{snapshot}/": EVERYONE,
    "/performance/snapshots/{snapshot}/export.xlsx": EVERYONE,
    "/performance/snapshots/{snapshot}/export.pdf": EVERYONE,
    "/performance/snapshots/{snapshot}/actions/": POST_ONLY,
    "/performance/actions/{action}/status/": POST_ONLY,
    "/performance/rollover/": PLANNERS,
    "/performance/contest/": EVERYONE,
    "/performance/contest/setup/": PLANNERS,
    "/performance/contest/decide/": POST_ONLY,
    "/performance/contest/judging/": {ANONYMOUS: LOGIN, "*": 403},  # nobody here is a judge
    "/performance/contest/judging/?as=judge": EVERYONE,  # the visitor made a judge
    "/performance/contest/entries/{entry}/score/": {ANONYMOUS: LOGIN, "*": 403},
    "/performance/contest/entries/{entry}/score/?as=judge": EVERYONE,
    "/performance/contest/entries/{own_department_entry}/score/?as=judge": {ANONYMOUS: LOGIN, "*": 403},
    # An entry's attachment (a private file): planners, the contest's judges, the entrant.
    "/performance/contest/entries/{entry}/attachment/": PLANNERS,
    "/performance/contest/entries/{entry}/attachment/?as=judge": EVERYONE,
    "/performance/programmes/{programme}/enter/": {ANONYMOUS: LOGIN, "*": 403},
    "/performance/programmes/{own_programme}/enter/": EVERYONE,
    "/admin/snippets/performance/plan/": ADMIN_SCREEN,
    "/admin/snippets/performance/programme/": ADMIN_SCREEN,
    "/admin/snippets/performance/programme/add/": ADMIN_SCREEN,
    "/admin/snippets/performance/programme/edit/{programme}/": ADMIN_SCREEN,
    "/admin/snippets/performance/proposal/": ADMIN_SCREEN,
    "/admin/snippets/performance/contest/": ADMIN_SCREEN,
    "/admin/snippets/performance/contest/edit/{contest}/": ADMIN_SCREEN,
}
POSTS = {  # url: (expected answers, the form data)
    "/performance/proposals/{proposal}/decide/": (
        PLANNER_POSTS,
        lambda ids: {f"d{ids['proposal']}-decision": "decline", f"d{ids['proposal']}-reason": "중복"},
    ),
    "/performance/proposals/{proposal}/merge/": (
        PLANNER_POSTS,
        lambda ids: {f"m{ids['proposal']}-into": ids["accepted"]},
    ),
    "/performance/snapshots/{snapshot}/actions/": (PLANNER_POSTS, lambda ids: {"title": "조치"}),
    "/performance/contest/decide/": (PLANNER_POSTS, lambda ids: {}),
    "/performance/actions/{action}/status/": (
        PLANNER_POSTS,
        lambda ids: {f"a{ids['action']}-status": "done"},
    ),
    "/performance/actions/{own_action}/status/": (
        {ANONYMOUS: LOGIN, "*": 302},
        lambda ids: {f"a{ids['own_action']}-status": "done"},
    ),
    "/performance/programmes/{programme}/status/": (
        PLANNER_POSTS,
        lambda ids: {"status": "", "reason": "확인"},
    ),
}


def world(visitor_staff, *, judge: bool):
    """This year's plan with someone else's programme and the visitor's own, a submitted and an
    accepted proposal, a snapshot with action items (one the visitor's), a contest with entries."""
    boss = planner()
    plan = build_plan(YEAR)
    other = StaffFactory(department=DepartmentFactory())
    programme = build_programme(plan, code="P-OTHER", owner=other, department=other.department)
    own_programme = build_programme(
        plan, code="P-OWN", owner=visitor_staff, department=visitor_staff.department
    )
    proposal = Proposal.objects.create(proposer=other, title="제안", body="내용")
    own_proposal = Proposal.objects.create(proposer=visitor_staff, title="내 제안", body="내용")
    accepted = Proposal.objects.create(proposer=other, title="채택 제안", body="내용")
    proposal_decide(proposal=accepted, by=boss, accept=True, reason="좋음")
    snapshot = snapshot_take(plan=plan, by=boss, cut_off=dt.date(YEAR, 1, 1))
    row = snapshot.rows.get(programme=programme)
    action = ActionItem.objects.create(
        snapshot_row=row, title="조치", owner=other, due_date=dt.date(YEAR, 12, 1)
    )
    own_action = ActionItem.objects.create(
        snapshot_row=row, title="내 조치", owner=visitor_staff, due_date=dt.date(YEAR, 12, 1)
    )
    contest = contest_setup(
        plan=plan,
        by=boss,
        title="대회",
        entries_close_on=dt.date(YEAR, 12, 31),
        criteria=[("탁월성", 100)],
        judges=[visitor_staff, other] if judge else [other],
    )
    entry = Entry.objects.create(
        contest=contest,
        programme=programme,
        submitted_by=other,
        summary="요약",
        attachment=ContentFile(b"%PDF-1.4\n", name="발표.pdf"),
    )
    own_entry = Entry.objects.create(
        contest=contest, programme=own_programme, submitted_by=visitor_staff, summary="요약"
    )
    # Scored by the other judge, so deciding has something to rank.
    from performance.services import score_submit

    score_submit(entry=own_entry, judge_staff=other, values={contest.criteria.get().pk: 80})
    return {
        "department": other.department.code,
        "programme": programme.pk,
        "own_programme": own_programme.pk,
        "proposal": proposal.pk,
        "own_proposal": own_proposal.pk,
        "missing_proposal": own_proposal.pk + 1000,
        "accepted": accepted.pk,
        "snapshot": snapshot.pk,
        "action": action.pk,
        "own_action": own_action.pk,
        "contest": contest.pk,
        "entry": entry.pk,
        "own_department_entry": own_entry.pk,
    }


@pytest.mark.parametrize("url", list(GETS))
@pytest.mark.django_db
def test_get(login_as, url):
    for visitor in VISITORS:
        client = visitor_client(login_as, visitor, department=DepartmentFactory())
        ids = world(client.staff, judge="as=judge" in url)
        path = url.format(**ids)
        assert_answer(client.get(path), GETS[url], path, visitor)
        _reset()


@pytest.mark.parametrize("url", list(POSTS))
@pytest.mark.django_db
def test_post(login_as, url):
    for visitor in VISITORS:
        client = visitor_client(login_as, visitor, department=DepartmentFactory())
        ids = world(client.staff, judge=False)
        path = url.format(**ids)
        want, data = POSTS[url]
        assert_answer(client.post(path, data(ids)), want, path, visitor)
        _reset()


def _reset():
    """A clean slate for the next visitor inside the same test (the transaction stays open)."""
    from django.apps import apps

    for label in ("score", "entry", "judge", "criterion", "contest", "actionitem", "snapshotrow", "snapshot"):
        apps.get_model("performance", label).objects.all()._raw_delete("default")
    from performance.models import KPI, Milestone, Plan, Programme, ProgressUpdate

    ProgressUpdate.objects.all()._raw_delete("default")
    Programme.co_owners.through.objects.all().delete()
    Milestone.objects.all().delete()
    KPI.objects.all().delete()
    Programme.objects.all()._raw_delete("default")
    Proposal.objects.all()._raw_delete("default")
    Plan.objects.all().delete()
    from django.core.cache import cache

    cache.clear()
