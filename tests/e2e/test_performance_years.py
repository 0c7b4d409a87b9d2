"""Browser journey (issue 14, point 2): a planner switches the plan to last year with the year
chooser, reaches that year's contest, second-half meeting and rollover, rolls a programme with a
dated code into this year, and opens a proposal's page from the programme made from it; then the
hours dashboard and the programme review of last year. axe-core on every screen on the way.

Years are relative to the day the test runs (last year and this year), never a fixed 2025."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from performance.models import Proposal
from performance.services import contest_setup, proposal_decide, proposal_programme_create, snapshot_take
from tests.factories import DepartmentFactory, StaffFactory, staff_with_login
from tests.learning.builders import build_course
from tests.performance.builders import build_plan, build_programme

pytestmark = pytest.mark.browser


def test_planner_switches_years_on_the_plan_and_reaches_last_years_screens(
    page, login, assert_no_axe_violations
):
    year = timezone.localdate().year
    last = year - 1
    department = DepartmentFactory(name="정보화팀")
    me = staff_with_login(name="김기획", department=department, roles=["planner", "learning admin"])
    old_plan = build_plan(last)
    dated = build_programme(old_plan, code=f"{last}-C03", department=department)
    build_programme(build_plan(year), code=f"{year}-A01", department=department)
    snapshot_take(plan=old_plan, by=me, cut_off=dt.date(last, 11, 30))
    contest_setup(
        plan=old_plan,
        by=me,
        title=f"{last}년 우수성과 공유대회",
        entries_close_on=dt.date(last, 11, 30),
        criteria=[("탁월성", 100)],
        judges=[StaffFactory()],
    )
    proposal = Proposal.objects.create(proposer=StaffFactory(), title="회의록 자동화", body="음성 인식으로")
    proposal_decide(proposal=proposal, by=me, accept=True, reason="다음 해 과제로")
    made = proposal_programme_create(
        proposal=proposal,
        by=me,
        plan=build_plan(year),
        code=f"{year}-P01",
        department=department,
        owner=me,
        milestone_title="착수",
        due_date=dt.date(year, 3, 31),
    )
    build_course(title="지난해 보안 교육", year=last)
    login(page, me)

    # The plan opens on this year; the chooser names its landmark and marks the current year.
    page.goto("/performance/")
    chooser = page.get_by_role("navigation", name="성과업무 계획 연도")
    expect(chooser.get_by_role("link", name=f"{year}년")).to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("programme-table")).to_contain_text(f"{year}-A01")
    expect(page.get_by_test_id("origin-summary")).to_contain_text("직원 제안 1개")
    assert_no_axe_violations(page)

    chooser.get_by_role("link", name=f"{last}년").click()
    expect(page).to_have_url(f"/performance/?year={last}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{last}년 성과업무 프로그램")
    expect(page.get_by_test_id("programme-table")).to_contain_text(f"{last}-C03")
    assert_no_axe_violations(page)

    # Last year's contest and its second-half meeting, through the plan's own menu.
    page.get_by_test_id("nav-contest").click()
    expect(page).to_have_url(f"/performance/contest/?year={last}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{last}년 우수성과 공유대회")
    assert_no_axe_violations(page)
    page.goto(f"/performance/?year={last}")
    page.get_by_test_id("nav-snapshots").click()
    expect(page).to_have_url(f"/performance/snapshots/?year={last}")
    assert_no_axe_violations(page)
    page.get_by_test_id("snapshot-list").get_by_role("link").first.click()
    expect(page.get_by_test_id("meeting-title")).to_have_text(f"{last}년 하반기 성과분석 회의")
    assert_no_axe_violations(page)

    # The rollover of last year: the code takes this year's number; the page stays on last year.
    page.goto(f"/performance/?year={last}")
    page.get_by_test_id("nav-rollover").click()
    expect(page.get_by_test_id("rollover-candidate")).to_contain_text(f"{last}-C03 → {year}-C03")
    assert_no_axe_violations(page)
    page.get_by_test_id("rollover-confirm").click()
    expect(page).to_have_url(f"/performance/rollover/?year={last}")
    expect(page.get_by_test_id("rollover-empty")).to_be_visible()
    expect(page.get_by_test_id("rollover-copied")).to_contain_text(f"{year}-C03")
    assert_no_axe_violations(page)
    assert dated.next_programmes.get().code == f"{year}-C03"

    # A programme made from a proposal links to the proposal's own page.
    page.goto(made.get_absolute_url())
    page.get_by_test_id("programme-proposal").get_by_role("link").click()
    expect(page).to_have_url(f"/performance/proposals/{proposal.pk}/")
    expect(page.get_by_test_id("proposal-title")).to_have_text("회의록 자동화")
    expect(page.get_by_test_id("proposal-programmes")).to_contain_text(f"{year}-P01")
    assert_no_axe_violations(page)

    # The learning screens bound to a year: last year's course is the latest with data.
    page.goto("/learning/review/")
    expect(
        page.get_by_role("navigation", name="과정 검토 연도").get_by_role("link", name=f"{last}년")
    ).to_have_attribute("aria-current", "page")
    expect(page.get_by_test_id("review-table")).to_contain_text("지난해 보안 교육")
    assert_no_axe_violations(page)
    page.goto(f"/learning/hours/?year={last}")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"{last}년 교육 시간 현황")
    assert_no_axe_violations(page)
