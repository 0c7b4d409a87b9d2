"""The education site's overview pages in Chromium, each with axe-core: the hours dashboard (a
department head), the programme review (a learning admin) and the month calendar."""

import pytest
from playwright.sync_api import expect

from tests.factories import DepartmentFactory, StaffFactory, staff_with_login
from tests.learning.builders import build_course

pytestmark = pytest.mark.browser


def test_department_head_opens_the_hours_dashboard_from_my_learning(page, login, assert_no_axe_violations):
    department = DepartmentFactory(name="교육기획팀")
    head = staff_with_login(name="박부장", department=department)
    department.head = head
    department.save(update_fields=["head"])
    StaffFactory(name="이미수", department=department)
    build_course(title="청렴 교육", is_mandatory=True, year=2025)
    login(page, head)

    page.goto("/learning/my/")
    page.get_by_test_id("department-hours-link").click()
    # The year chooser (the latest year with courses is the default) and the department filter.
    page.get_by_role("navigation", name="교육 시간 연도").get_by_role("link", name="2025년").click()
    expect(page).to_have_url("/learning/hours/?year=2025")
    page.get_by_role("button", name="보기").click()
    expect(page).to_have_url("/learning/hours/?year=2025&department=")
    expect(page.get_by_test_id("department-hours")).to_contain_text("교육기획팀")
    expect(page.get_by_test_id("hours-table")).to_contain_text("청렴 교육")
    assert_no_axe_violations(page)


def test_learning_admin_records_a_decision_on_the_programme_review(page, login, assert_no_axe_violations):
    admin = staff_with_login(roles=["learning admin"], name="이서연")
    course = build_course(title="클라우드 전문가 특강", year=2025)
    login(page, admin)

    page.goto("/learning/")
    page.get_by_role("link", name="과정 검토").click()
    page.get_by_role("navigation", name="과정 검토 연도").get_by_role("link", name="2025년").click()
    expect(page).to_have_url("/learning/review/?year=2025")
    row = page.locator(f"#course-{course.pk}")
    expect(row.get_by_test_id("feedback-score")).to_have_text("—만족도 조사 응답이 없습니다")
    assert_no_axe_violations(page)

    row.get_by_label("결정").select_option("강화")
    row.get_by_test_id("review-save").click()
    expect(page.locator(".messages")).to_contain_text("결정 사유를 적어 주세요.")
    row = page.locator(f"#course-{course.pk}")
    row.get_by_label("결정").select_option("강화")
    row.get_by_label("사유").fill("수요가 많아 차수를 늘림")
    row.get_by_test_id("review-save").click()
    expect(page.locator(".messages")).to_contain_text("다음 해 결정을 저장했습니다.")
    expect(page.get_by_test_id("review-decision")).to_contain_text("수요가 많아 차수를 늘림")
    assert_no_axe_violations(page)


def test_month_calendar_shows_my_session_and_moves_between_months(page, login, assert_no_axe_violations):
    import datetime as dt

    from django.utils import timezone

    from learning import services
    from tests.learning.builders import build_session

    me = staff_with_login(name="김민수")
    first = (timezone.localdate() + dt.timedelta(days=40)).replace(day=1)
    start = dt.datetime.combine(first.replace(day=12), dt.time(10), tzinfo=timezone.get_current_timezone())
    session = build_session(build_course(title="AI 활용 특강"), starts_in=start - timezone.now())
    services.enrolment_create(session_id=session.pk, staff=me)
    login(page, me)

    page.goto("/learning/my/")
    page.get_by_test_id("month-calendar-link").click()
    today = timezone.localdate()
    for _month in range((first.year - today.year) * 12 + first.month - today.month):
        page.get_by_test_id("calendar-next").click()
    expect(page).to_have_url(f"/learning/calendar/?month={first:%Y-%m}")
    expect(page.get_by_test_id(f"day-{first.replace(day=12):%Y-%m-%d}")).to_contain_text("AI 활용 특강")
    expect(page.get_by_test_id("my-session")).to_have_count(1)
    assert_no_axe_violations(page)
    page.get_by_role("link", name="10:00 AI 활용 특강 1차").click()
    expect(page).to_have_url(f"{session.course.url}#session-{session.pk}")
