"""The profile's section of a person's programmes reads their states from the plan's cached
roll-up: one query once kept, and a progress update shows
on the next view."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from performance.models import Plan
from performance.selectors import person_programmes, plan_as_of, plan_rollup
from performance.services import MilestoneInput, progress_update_post
from tests.factories import StaffFactory
from tests.performance.builders import build_plan, build_programme
from tests.performance.test_panel_rows import reference

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def milestones(year=YEAR):
    return [
        MilestoneInput("착수 보고", dt.date(year, 1, 1), 50),
        MilestoneInput("완료 보고", dt.date(year, 12, 31), 50),
    ]


def test_same_rows_as_the_instances_in_one_query_once_kept():
    plan = build_plan(YEAR)
    owner = StaffFactory()
    first = build_programme(plan, code="P-01", owner=owner, milestones=milestones())
    second = build_programme(plan, code="P-02", milestones=milestones())
    second.co_owners.add(owner)
    build_programme(plan, code="P-03", milestones=milestones())  # not theirs
    closed = build_plan(YEAR - 1)
    build_programme(closed, code="P-00", owner=owner, milestones=milestones(YEAR - 1))
    Plan.objects.filter(pk=closed.pk).update(is_closed=True)
    expected = [(r.programme.pk, r.state) for r in reference(owner, None)]
    assert [(r.programme.pk, r.state) for r in person_programmes(staff_id=owner.pk)] == expected
    assert [pk for pk, _state in expected] == [first.pk, second.pk]
    with CaptureQueriesContext(connection) as captured:
        person_programmes(staff_id=owner.pk)
    assert len(captured) == 1
    assert plan_rollup(plan=plan, as_of=plan_as_of(plan)).states[first.pk] == expected[0][1]


def test_profile_shows_a_progress_update_on_the_next_view(login_as):
    plan = build_plan(YEAR)
    owner = StaffFactory(name="김담당")
    programme = build_programme(plan, code="P-01", owner=owner, milestones=milestones())
    client = login_as()
    url = reverse("directory:profile", kwargs={"employee_number": owner.employee_number})
    page = client.get(url).content.decode()
    assert 'data-testid="section-performance.programmes"' in page
    assert '<span class="muted">0.0%</span>' in page
    progress_update_post(
        programme=programme,
        author=owner,
        milestones_done=[programme.milestones.order_by("due_date").first().pk],
        comment="착수",
    )
    page = client.get(url).content.decode()
    assert '<span class="muted">50.0%</span>' in page
