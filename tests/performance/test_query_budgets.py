"""The pages added for proposals, the meeting, the contest and the rollover make the same number
of queries at 40 and at 400 programmes (and 5 or 50 proposals), at most 15."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from performance.models import ActionItem, Entry, Proposal
from performance.services import contest_setup, score_submit, snapshot_take
from tests.factories import DepartmentFactory, StaffFactory
from tests.performance.test_selectors import bulk_plan

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def world(count, year, boss, proposals):
    plan = bulk_plan(count, year)
    snapshot = snapshot_take(plan=plan, by=boss, cut_off=dt.date(year, 6, 30))
    owner = StaffFactory()
    ActionItem.objects.bulk_create(
        ActionItem(snapshot_row=row, title="조치", owner=owner, due_date=dt.date(year, 12, 1))
        for row in snapshot.rows.all()
    )
    other_judge = StaffFactory(department=DepartmentFactory())
    contest = contest_setup(
        plan=plan,
        by=boss,
        title="대회",
        entries_close_on=dt.date(year, 12, 31),
        criteria=[("탁월성", 60), ("확산성", 40)],
        judges=[boss, other_judge],
    )
    criteria = list(contest.criteria.values_list("pk", flat=True))
    for programme in plan.programmes.all()[: count // 4]:
        entry = Entry.objects.create(contest=contest, programme=programme, submitted_by=owner, summary="요약")
        score_submit(entry=entry, judge_staff=other_judge, values=dict.fromkeys(criteria, 70 + entry.pk % 20))
    proposer = StaffFactory()
    Proposal.objects.bulk_create(
        Proposal(proposer=boss, title=f"내 제안 {i}", body="x") for i in range(proposals)
    )
    Proposal.objects.bulk_create(
        Proposal(proposer=proposer, title=f"제안 {i}", body="x") for i in range(proposals)
    )
    return snapshot, plan.contest.entries.first()


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


def test_new_pages_make_the_same_queries_at_two_sizes(login_as):
    client = login_as("planner", department=DepartmentFactory())
    boss = client.staff
    urls = [
        "/performance/",
        "/performance/proposals/",
        "/performance/proposals/review/",
        "/performance/snapshots/",
        "/performance/snapshots/{snapshot}/",
        "/performance/snapshots/new/",
        "/performance/contest/",
        "/performance/contest/setup/",
        "/performance/contest/judging/",
        "/performance/contest/entries/{entry}/score/",
        "/performance/rollover/",
        # The same screens of a chosen year (the year chooser reads every plan in one query).
        "/performance/?year={year}",
        "/performance/departments/{department}/?year={year}",
        "/performance/snapshots/?year={year}",
        "/performance/contest/?year={year}",
        "/performance/rollover/?year={year}",
        "/performance/proposals/?year={year}",
        "/performance/proposals/review/?year={year}",
        "/performance/proposals/{proposal}/",
    ]
    sizes = []
    for count, year, proposals in ((40, YEAR - 1, 5), (400, YEAR, 50)):
        Proposal.objects.all().delete()
        snapshot, entry = world(count, year, boss, proposals)
        ids = {
            "snapshot": snapshot.pk,
            "entry": entry.pk,
            "year": year,
            "department": entry.programme.department.code,
            "proposal": Proposal.objects.filter(proposer=boss).first().pk,
        }
        sizes.append([queries(client, u.format(**ids)) for u in urls])
    small, large = sizes
    assert small == large, list(zip(urls, small, large, strict=True))
    assert max(large) <= 15, list(zip(urls, large, strict=True))
