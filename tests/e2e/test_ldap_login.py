"""Signing in with the agency account in a real browser, against the real slapd (docs/ldap.md)."""

import pytest
from playwright.sync_api import expect

from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.browser


def test_signing_in_with_the_agency_account(page, use_directory, assert_no_axe_violations):
    use_directory()
    StaffFactory(
        employee_number="20190001", name="김민수", department=DepartmentFactory(code="EDU", name="교육운영팀")
    )

    page.goto("/")
    page.get_by_test_id("login-username").fill("minsu.kim")
    page.get_by_test_id("login-password").fill("wrong-password")
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_role("alert")).to_contain_text("아이디 또는 비밀번호가 맞지 않습니다.")

    page.get_by_test_id("login-password").fill("Minsu-pass-1")
    page.get_by_test_id("login-submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("김민수님, 반갑습니다")
    expect(page.get_by_test_id("panel-directory.my_department")).to_contain_text("교육운영팀")
    assert_no_axe_violations(page)
