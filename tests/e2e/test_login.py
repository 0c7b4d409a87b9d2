import pytest
from playwright.sync_api import expect

from tests.factories import DepartmentFactory, staff_with_login

pytestmark = pytest.mark.browser


def test_wrong_password_shows_korean_error_then_right_password_opens_dashboard(
    page, password, assert_no_axe_violations
):
    me = staff_with_login(name="김민수", department=DepartmentFactory(name="교육운영팀"))

    response = page.goto("/directory/")
    expect(page).to_have_url("/accounts/login/?next=/directory/")
    # axe runs under the site's real CSP (no inline scripts): page.evaluate is not blocked by it.
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    assert_no_axe_violations(page)

    page.get_by_test_id("login-username").fill(me.user.username)
    page.get_by_test_id("login-password").fill("not-the-password")
    page.get_by_test_id("login-submit").click()
    error = page.get_by_role("alert")
    expect(error).to_contain_text("아이디 또는 비밀번호가 맞지 않습니다.")
    expect(page.get_by_test_id("login-username")).to_have_value(me.user.username)
    assert_no_axe_violations(page)

    page.get_by_test_id("login-password").fill(password)
    page.get_by_test_id("login-submit").click()
    expect(page).to_have_url("/directory/")
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_have_text("김민수님, 반갑습니다")
    dashboard = page.get_by_test_id("dashboard")
    expect(dashboard.get_by_role("heading", name="내 프로필")).to_be_visible()
    expect(dashboard.get_by_role("heading", name="우리 부서")).to_be_visible()
    expect(page.get_by_test_id("panel-directory.my_department")).to_contain_text("교육운영팀")
    assert_no_axe_violations(page)


def test_staff_without_admin_rights_who_open_the_admin_land_on_the_site_with_a_korean_message(
    page, login, assert_no_axe_violations
):
    """Issue 15 §4: no second, Wagtail-branded log-in page; the site says why, in Korean."""
    me = staff_with_login(name="김민수", department=DepartmentFactory(name="교육운영팀"))

    page.goto("/admin/pages/")
    expect(page).to_have_url("/accounts/login/?next=/admin/pages/")
    login(page, me)
    page.goto("/admin/")
    expect(page).to_have_url("/")
    expect(page.locator(".message--error")).to_contain_text(
        "관리 화면은 담당 역할이 있는 직원만 쓸 수 있습니다"
    )
    expect(page.get_by_role("heading", level=1)).to_have_text("김민수님, 반갑습니다")
    assert_no_axe_violations(page)
