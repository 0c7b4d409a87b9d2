"""Browser journeys of the education site: enrol, join the waitlist, get promoted when another
person cancels, mark attendance on the roster, download the certificate; axe-core on the
education home, the catalogue, a course page, my learning, the roster and the verify page."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from learning.models import Enrolment
from tests.factories import DepartmentFactory, staff_with_login
from tests.learning.builders import build_course, build_session, build_started_session

pytestmark = pytest.mark.browser


def test_enrol_waitlist_promotion_attendance_and_certificate(
    page, browser, live_url, login, assert_no_axe_violations, tmp_path
):
    department = DepartmentFactory(name="정보화전략부")
    first = staff_with_login(name="김민수", department=department)
    second = staff_with_login(name="이영희", department=department)
    admin = staff_with_login(roles=["learning admin"], name="박교육", department=department)
    course = build_course(title="클라우드 전문가 특강", category="expert_lecture", hours=Decimal("3"))
    build_session(course, capacity=1)

    # The first person finds the course in the catalogue and enrols in one click.
    login(page, first)
    page.goto("/learning/")
    expect(page.get_by_test_id("upcoming-sessions")).to_contain_text("클라우드 전문가 특강")
    assert_no_axe_violations(page)
    page.goto("/learning/catalogue/?category=expert_lecture")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="클라우드 전문가 특강").click()
    expect(page.get_by_test_id("seats")).to_contain_text("남은 자리 1")
    assert_no_axe_violations(page)
    page.get_by_test_id("enrol-button").click()
    expect(page.get_by_test_id("my-state")).to_contain_text("신청 완료")

    # The second person finds it full and joins the waitlist.
    other = browser.new_context(locale="ko-KR", base_url=live_url, timezone_id="Asia/Seoul")
    second_page = other.new_page()
    login(second_page, second)
    second_page.goto(course.url)
    expect(second_page.get_by_test_id("enrol-button")).to_have_text("대기 신청하기")
    second_page.get_by_test_id("enrol-button").click()
    expect(second_page.get_by_test_id("waitlist-position")).to_have_text("대기 1번째")
    assert_no_axe_violations(second_page)

    # The first person cancels; the seat goes to the second, who is told so.
    page.reload()
    page.get_by_test_id("cancel-button").click()
    expect(page.get_by_test_id("enrol-button")).to_be_visible()
    second_page.reload()
    expect(second_page.get_by_test_id("my-state")).to_contain_text("신청 완료")
    second_page.goto("/notifications/")
    expect(second_page.get_by_test_id("notification-list")).to_contain_text("클라우드 전문가 특강")

    # A session that has started: the learning admin marks attendance on a tablet-sized roster.
    started = build_started_session(course, capacity=5, title="2차")
    for n, person in enumerate((first, second), start=1):
        Enrolment.objects.create(
            session=started, staff=person, state=Enrolment.State.ENROLLED, queue_number=n
        )
    admin_context = browser.new_context(
        locale="ko-KR", base_url=live_url, timezone_id="Asia/Seoul", viewport={"width": 820, "height": 1180}
    )
    admin_page = admin_context.new_page()
    login(admin_page, admin)
    admin_page.goto("/learning/manage/")
    admin_page.get_by_role("link", name="클라우드 전문가 특강 2차").click()
    assert_no_axe_violations(admin_page)
    admin_page.get_by_test_id(f"present-{second.employee_number}").click()
    admin_page.get_by_test_id(f"absent-{first.employee_number}").click()
    admin_page.get_by_test_id("save-attendance").click()
    expect(admin_page.locator(".messages")).to_contain_text("출석을 저장했습니다")
    admin_page.get_by_test_id("complete-session").click()
    expect(admin_page.get_by_test_id("completed-tag")).to_be_visible()
    assert_no_axe_violations(admin_page)

    # The attendee downloads the certificate and anyone can verify its code; the absentee has none.
    second_page.goto("/learning/my/")
    assert_no_axe_violations(second_page)
    with second_page.expect_download() as download_info:
        second_page.get_by_test_id("certificate-link").click()
    saved = tmp_path / "certificate.pdf"
    download_info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    code = download_info.value.suggested_filename.removeprefix("certificate-").removesuffix(".pdf")
    page.goto("/learning/verify/")
    page.get_by_label("확인 번호").fill(code.lower())
    page.get_by_role("button", name="확인").click()
    expect(page.get_by_test_id("verify-result")).to_contain_text("이영희")
    assert_no_axe_violations(page)
    page.goto("/learning/my/")
    expect(page.get_by_test_id("certificate-link")).to_have_count(0)
    other.close()
    admin_context.close()
