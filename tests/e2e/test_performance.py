"""Browser journey of the performance programme: an owner posts an update with evidence and sees
the % and status change; axe-core on the plan page, the programme page and the update form."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from performance.models import Programme
from performance.services import MilestoneInput
from tests.factories import DepartmentFactory, staff_with_login
from tests.performance.builders import build_plan, build_programme, kpi

pytestmark = pytest.mark.browser


def test_owner_posts_an_update_and_sees_percent_and_status_change(
    page, login, assert_no_axe_violations, tmp_path
):
    year = timezone.localdate().year
    department = DepartmentFactory(name="정보화팀")
    me = staff_with_login(name="김담당", department=department)
    plan = build_plan(year)
    programme = build_programme(
        plan,
        code="P-07",
        owner=me,
        department=department,
        origin=Programme.Origin.FEEDBACK,
        milestones=[
            MilestoneInput("착수 보고", dt.date(year, 1, 1), 50),
            MilestoneInput("완료 보고", dt.date(year, 12, 31), 50),
        ],
        kpis=[kpi()],
    )
    build_programme(plan, code="P-08", department=DepartmentFactory(name="인사팀"))
    login(page, me)

    # The dashboard lists my programme; the plan page shows it in the table.
    panel = page.get_by_test_id("panel-performance.my_programmes")
    expect(panel).to_contain_text("P-07")
    page.get_by_role("link", name="성과", exact=True).click()
    expect(page).to_have_url("/performance/")
    expect(page.get_by_test_id("origin-summary")).to_have_text(
        "전년도 평가 환류 1개 · 직원 제안 0개 · 계속 추진 1개"
    )
    expect(page.get_by_test_id("programme-table")).to_contain_text("P-08")
    assert_no_axe_violations(page)

    # The department view: the same page for one department.
    page.get_by_test_id("my-department-link").click()
    expect(page.get_by_test_id("department-name")).to_have_text("정보화팀")
    expect(page.get_by_test_id("programme-table")).not_to_contain_text("P-08")
    assert_no_axe_violations(page)

    page.get_by_role("link", name="P-07", exact=True).click()
    expect(page).to_have_url(f"/performance/programmes/{programme.pk}/")
    expect(page.get_by_test_id("programme-percent")).to_have_text("0.0%")
    expect(page.get_by_test_id("programme-status")).to_contain_text("지연")
    expect(page.get_by_test_id("programme-timeline")).to_contain_text("기한 지남")
    assert_no_axe_violations(page)

    page.get_by_test_id("update-link").click()
    expect(page).to_have_url(f"/performance/programmes/{programme.pk}/update/")
    assert_no_axe_violations(page)

    # A file of the wrong type is refused in Korean and nothing is recorded.
    bad = tmp_path / "악성.exe"
    bad.write_bytes(b"MZ")
    page.get_by_label("추진 내용").fill("착수 보고를 마쳤습니다.")
    page.get_by_label("증빙 자료").set_input_files(str(bad))
    page.get_by_test_id("update-save").click()
    expect(page.get_by_test_id("field-error")).to_contain_text("근거 자료는 PDF")
    assert_no_axe_violations(page)

    evidence = tmp_path / "착수보고.pdf"
    evidence.write_bytes(b"%PDF-1.4\n")
    page.get_by_label("착수 보고").check()
    page.get_by_label("이용자 만족도 실적 (점)").fill("87.8")
    page.get_by_label("추진 내용").fill("착수 보고를 마쳤습니다.")
    page.get_by_label("증빙 자료").set_input_files(str(evidence))
    page.get_by_test_id("update-save").click()

    expect(page).to_have_url(f"/performance/programmes/{programme.pk}/")
    expect(page.get_by_test_id("programme-percent")).to_have_text("50.0%")
    expect(page.get_by_test_id("programme-status")).to_contain_text("정상 추진")
    expect(page.get_by_test_id("kpi-actual")).to_have_text("87.8 점")
    history = page.get_by_test_id("history-entry")
    expect(history).to_have_count(1)
    expect(history).to_contain_text("김담당")
    expect(history).to_contain_text("완료한 일정: 착수 보고")
    expect(page.get_by_test_id("evidence-link")).to_have_text("착수보고.pdf")
    assert_no_axe_violations(page)


def test_planner_overrides_the_status_with_a_reason(page, login, assert_no_axe_violations):
    year = timezone.localdate().year
    planner = staff_with_login(roles=["planner"], name="박기획")
    programme = build_programme(
        build_plan(year),
        code="P-09",
        milestones=[MilestoneInput("착수 보고", dt.date(year, 1, 1), 100)],
    )
    login(page, planner)
    page.goto(f"/performance/programmes/{programme.pk}/")
    expect(page.get_by_test_id("programme-status")).to_contain_text("지연")
    assert_no_axe_violations(page)

    form = page.get_by_test_id("override-form")
    form.get_by_label("지정할 상태").select_option("on_track")
    form.get_by_test_id("override-save").click()
    expect(page.get_by_role("status")).to_contain_text("사유를 적어야 합니다")
    expect(page.get_by_test_id("programme-status")).to_contain_text("지연")

    form.get_by_label("지정할 상태").select_option("on_track")
    form.get_by_label("사유").fill("외부 기관 일정으로 착수 보고 연기")
    form.get_by_test_id("override-save").click()
    expect(page.get_by_test_id("programme-status")).to_contain_text("정상 추진 (지정)")
    expect(page.get_by_test_id("override-reason")).to_contain_text("외부 기관 일정으로 착수 보고 연기")
    expect(page.get_by_test_id("history-entry")).to_contain_text("박기획")
    assert_no_axe_violations(page)


def test_planner_pages_the_departments_and_the_programmes_with_the_filter_kept(
    page, login, assert_no_axe_violations
):
    """At agency scale the departments' figures are a table of their own, 20 a page, beside the
    programme table: both page with the filter kept, and two page navigations are told apart."""
    year = timezone.localdate().year
    plan = build_plan(year)
    for i in range(26):
        build_programme(
            plan, code=f"P-{i:02d}", department=DepartmentFactory(name=f"부서{i:02d}", sort_order=i)
        )
    login(page, staff_with_login(roles=["planner"]))
    page.goto("/performance/?origin=ongoing")
    departments = page.get_by_test_id("department-table")
    expect(departments.get_by_test_id("department-row")).to_have_count(20)
    assert_no_axe_violations(page)
    page.get_by_role("navigation", name="부서별 진척률 쪽 이동").get_by_role(
        "link", name="2", exact=True
    ).click()
    expect(departments.get_by_test_id("department-row")).to_have_count(6)
    expect(departments).to_contain_text("부서25")
    assert "origin=ongoing" in page.url
    page.get_by_role("navigation", name="표 쪽 이동").get_by_role("link", name="2", exact=True).click()
    expect(page.get_by_test_id("programme-table").get_by_test_id("programme-title")).to_have_count(1)
    expect(departments.get_by_test_id("department-row")).to_have_count(6)  # its page kept
    assert "origin=ongoing" in page.url
    assert_no_axe_violations(page)
