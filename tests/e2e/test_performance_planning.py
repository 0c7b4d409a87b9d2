"""Browser journeys of the planner's year: a staff member proposes and the planner accepts it
(and makes next year's programme); the planner takes the mid-year snapshot and records an action;
a judge scores an entry (never their own department's); the planner rolls the unfinished
programmes over. axe-core runs on every page type on the way."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from performance.models import Entry, Programme, Proposal
from performance.services import MilestoneInput, contest_setup
from tests.factories import DepartmentFactory, staff_with_login
from tests.performance.builders import build_plan, build_programme, kpi

pytestmark = pytest.mark.browser
YEAR = timezone.localdate().year


def switch(page, context, login, staff):
    context.clear_cookies()
    login(page, staff)


def test_staff_member_proposes_and_the_planner_accepts(page, context, login, assert_no_axe_violations):
    build_plan(YEAR)
    department = DepartmentFactory(name="민원팀")
    me = staff_with_login(name="이제안", department=department)
    boss = staff_with_login(roles=["planner"], name="박기획")
    login(page, me)
    page.goto("/performance/")
    page.get_by_test_id("nav-proposals").click()
    expect(page).to_have_url("/performance/proposals/")
    assert_no_axe_violations(page)
    page.get_by_test_id("proposal-new-link").click()
    page.get_by_test_id("proposal-submit").click()
    expect(page.locator(".error").first).to_contain_text("필수")
    assert_no_axe_violations(page)
    page.get_by_label("제목").fill("야간 민원 챗봇")
    page.get_by_label("내용").fill("야간에 들어오는 민원을 챗봇이 먼저 받습니다.")
    page.get_by_test_id("proposal-submit").click()
    expect(page.get_by_test_id("proposal-status")).to_have_text("접수")

    switch(page, context, login, boss)
    page.goto("/performance/")
    page.get_by_test_id("nav-review").click()
    expect(page).to_have_url("/performance/proposals/review/")
    assert_no_axe_violations(page)
    card = page.get_by_test_id("review-proposal").filter(has_text="야간 민원 챗봇")
    card.get_by_label("채택", exact=True).check()
    card.get_by_label("사유").fill("민원 대기 시간을 줄일 수 있습니다.")
    card.get_by_test_id("decide-save").click()
    expect(page.get_by_role("status")).to_contain_text("제안자에게 알렸습니다")
    page.get_by_test_id("make-programme").click()
    assert_no_axe_violations(page)
    page.get_by_label("과제코드").fill("N-01")
    page.get_by_label("주관 부서").select_option(str(department.pk))
    page.get_by_label("담당자 사번").fill(me.employee_number)
    page.get_by_label("첫 추진 일정").fill("시범 운영")
    page.get_by_test_id("proposal-programme-save").click()
    programme = Programme.objects.get(code="N-01")
    expect(page).to_have_url(f"/performance/programmes/{programme.pk}/")
    expect(page.get_by_test_id("programme-proposal")).to_have_text("야간 민원 챗봇")
    assert programme.plan.year == YEAR + 1

    switch(page, context, login, me)
    page.goto("/performance/proposals/")
    expect(page.get_by_test_id("proposal-status")).to_have_text("채택")
    expect(page.get_by_test_id("my-proposals")).to_contain_text(f"{YEAR + 1} N-01")
    assert Proposal.objects.get().status == "accepted"


def test_planner_takes_the_mid_year_snapshot_and_records_an_action(page, login, assert_no_axe_violations):
    plan = build_plan(YEAR)
    owner = staff_with_login(name="김담당", department=DepartmentFactory(name="정보화팀"))
    build_programme(
        plan,
        code="P-01",
        owner=owner,
        department=owner.department,
        milestones=[
            MilestoneInput("착수", dt.date(YEAR, 1, 1), 50),
            MilestoneInput("완료", dt.date(YEAR, 12, 31), 50),
        ],
        kpis=[kpi()],
    )
    boss = staff_with_login(roles=["planner"], name="박기획")
    login(page, boss)
    page.goto("/performance/")
    page.get_by_test_id("nav-snapshots").click()
    assert_no_axe_violations(page)
    page.get_by_test_id("snapshot-new-link").click()
    assert_no_axe_violations(page)
    page.get_by_label("기준일").fill(f"{YEAR}-01-02")
    page.get_by_test_id("snapshot-take").click()
    expect(page.locator(".error").first).to_contain_text("확인란에 표시해 주세요")
    page.get_by_label("스냅숏은 한 번 만들면 고칠 수 없다는 것을 확인했습니다.").check()
    page.get_by_test_id("snapshot-take").click()
    expect(page.get_by_test_id("snapshot-heading")).to_contain_text(f"{YEAR}. 1. 2. 기준")
    expect(page.get_by_test_id("meeting-row")).to_have_count(1)
    expect(page.get_by_test_id("snapshot-percent")).to_contain_text("0.0%")
    assert_no_axe_violations(page)

    form = page.get_by_test_id("action-form")
    form.get_by_label("조치 사항").fill("착수 일정 재조정")
    form.get_by_label("담당자 사번").fill(owner.employee_number)
    form.get_by_label("기한").fill(f"{YEAR}-12-01")
    form.get_by_test_id("action-save").click()
    expect(page.get_by_test_id("action-item")).to_contain_text("착수 일정 재조정")
    expect(page.get_by_test_id("action-status")).to_have_text("미착수")
    page.get_by_label("'착수 일정 재조정' 상태").select_option("in_progress")
    page.get_by_test_id("action-status-save").click()
    expect(page.get_by_test_id("action-status")).to_have_text("진행 중")
    assert_no_axe_violations(page)
    # The exports' contents are checked in tests/performance/test_views_planning.py.
    expect(page.get_by_test_id("snapshot-pdf")).to_have_attribute("href", re.compile(r"/export\.pdf$"))
    expect(page.get_by_test_id("snapshot-xlsx")).to_have_attribute("href", re.compile(r"/export\.xlsx$"))


def test_judge_scores_an_entry_but_not_their_own_department(page, login, assert_no_axe_violations):
    plan = build_plan(YEAR)
    mine, theirs = DepartmentFactory(name="정보화팀"), DepartmentFactory(name="인사팀")
    judge = staff_with_login(name="최심사", department=mine)
    boss = staff_with_login(roles=["planner"])
    own = build_programme(plan, code="P-01", department=mine)
    other = build_programme(plan, code="P-02", department=theirs)
    contest = contest_setup(
        plan=plan,
        by=boss,
        title="우수성과 공유대회",
        entries_close_on=dt.date(YEAR, 12, 31),
        criteria=[("성과의 탁월성", 60), ("확산 가능성", 40)],
        judges=[judge],
    )
    own_entry = Entry.objects.create(
        contest=contest, programme=own, submitted_by=own.owner, summary="우리 성과"
    )
    Entry.objects.create(contest=contest, programme=other, submitted_by=other.owner, summary="인사 혁신")
    login(page, judge)
    page.goto("/performance/")
    page.get_by_test_id("nav-contest").click()
    assert_no_axe_violations(page)
    page.get_by_test_id("judging-link").click()
    expect(page.get_by_test_id("own-department")).to_contain_text("P-01")
    assert_no_axe_violations(page)
    page.get_by_test_id("score-link").filter(has_text="P-02").click()
    expect(page.get_by_text("인사 혁신")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("성과의 탁월성 (가중치 60)").fill("120")
    page.get_by_label("확산 가능성 (가중치 40)").fill("80")
    page.get_by_test_id("score-save").click()
    expect(page.locator(".error").first).to_contain_text("0에서 100 사이")
    page.get_by_label("성과의 탁월성 (가중치 60)").fill("90")
    page.get_by_test_id("score-save").click()
    expect(page.get_by_role("status")).to_contain_text("P-02")
    expect(page.get_by_test_id("scorable")).to_contain_text("채점함")

    page.goto(f"/performance/contest/entries/{own_entry.pk}/score/")
    expect(page.get_by_test_id("refusal")).to_have_text("자기 부서의 과제는 채점할 수 없습니다.")
    assert_no_axe_violations(page)


def test_planner_rolls_unfinished_programmes_over(page, login, assert_no_axe_violations):
    plan = build_plan(YEAR)
    build_programme(plan, code="P-01", milestones=[MilestoneInput("완료", dt.date(YEAR, 12, 31), 100)])
    boss = staff_with_login(roles=["planner"])
    login(page, boss)
    page.goto("/performance/")
    page.get_by_test_id("nav-rollover").click()
    expect(page.get_by_test_id("rollover-candidate")).to_contain_text("P-01")
    assert_no_axe_violations(page)
    page.get_by_test_id("rollover-confirm").click()
    expect(page.get_by_role("status")).to_contain_text(f"과제 1개를 {YEAR + 1}년 계획으로 이월했습니다")
    expect(page.get_by_test_id("rollover-empty")).to_be_visible()
    copy = Programme.objects.get(plan__year=YEAR + 1)
    assert copy.previous_programme.code == "P-01"
