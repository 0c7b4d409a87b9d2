import re

import pytest
from playwright.sync_api import expect

from intranet.directory.models import PersonalDataAccess
from tests.factories import DepartmentFactory, StaffFactory, staff_with_login

pytestmark = pytest.mark.browser


@pytest.fixture
def team():
    division = DepartmentFactory(name="경영기획본부")
    return DepartmentFactory(name="교육운영팀", parent=division)


def test_own_profile_shows_path_and_completeness_and_can_be_edited(
    page, login, team, assert_no_axe_violations
):
    me = staff_with_login(name="김민수", department=team, job_title="정보화 교육", mobile="010-1234-5678")

    login(page, me)
    page.get_by_test_id("my-profile-link").click()
    expect(page).to_have_url(f"/directory/{me.employee_number}/")
    expect(page.get_by_test_id("profile-name")).to_have_text("김민수")
    expect(page.get_by_test_id("department-path")).to_have_text("경영기획본부 › 교육운영팀")
    expect(page.get_by_test_id("personal-mobile")).to_have_text("010-1234-5678")
    completeness = page.get_by_test_id("completeness")
    expect(completeness.get_by_role("heading")).to_have_text("프로필 완성도 20%")
    missing = completeness.get_by_role("link")
    expect(missing).to_have_text(["사진", "내선번호", "전문 분야", "소개"])
    assert_no_axe_violations(page)

    completeness.get_by_role("link", name="내선번호").click()
    expect(page).to_have_url(f"/directory/{me.employee_number}/edit/#id_extension")
    assert_no_axe_violations(page)
    page.get_by_label("내선번호").fill("12-34x")
    page.get_by_test_id("profile-save").click()
    expect(page.get_by_text("내선번호는 숫자와 '-'만 쓸 수 있습니다.")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("내선번호").fill("1234")
    page.get_by_test_id("profile-save").click()
    # The browser keeps the #id_extension fragment across the redirect.
    expect(page).to_have_url(re.compile(rf"/directory/{me.employee_number}/(#id_extension)?$"))
    expect(page.get_by_role("status")).to_have_text("프로필을 저장했습니다.")
    expect(page.locator('dt:text-is("내선번호") + dd')).to_have_text("1234")
    expect(page.get_by_test_id("completeness").get_by_role("heading")).to_have_text("프로필 완성도 40%")
    me.refresh_from_db()
    assert me.extension == "1234"
    assert_no_axe_violations(page)


def test_other_profile_hides_edit_and_mobile(page, login, team, assert_no_axe_violations):
    me = staff_with_login(name="이영희", department=team)
    other = StaffFactory(name="박정훈", department=team, mobile="010-9999-0000")

    login(page, me)
    page.goto(f"/directory/{other.employee_number}/")
    expect(page.get_by_test_id("profile-name")).to_have_text("박정훈")
    expect(page.get_by_test_id("department-path")).to_have_text("경영기획본부 › 교육운영팀")
    expect(page.get_by_test_id("edit-profile")).to_have_count(0)
    expect(page.get_by_test_id("personal-mobile")).to_have_count(0)
    expect(page.get_by_test_id("completeness")).to_have_count(0)
    expect(page.get_by_text("010-9999-0000")).to_have_count(0)
    assert_no_axe_violations(page)
    assert not PersonalDataAccess.objects.exists()


def test_hr_admin_sees_mobile_and_the_view_is_logged(page, login, team, assert_no_axe_violations):
    hr = staff_with_login(roles=["HR admin"], name="최은정", department=team)
    other = StaffFactory(name="박정훈", department=team, mobile="010-9999-0000")

    login(page, hr)
    page.goto(f"/directory/{other.employee_number}/")
    expect(page.get_by_test_id("personal-mobile")).to_have_count(0)
    expect(page.get_by_test_id("edit-profile")).to_be_visible()
    assert_no_axe_violations(page)
    assert not PersonalDataAccess.objects.exists()

    page.get_by_test_id("personal-open").click()
    expect(page.get_by_text("개인정보를 보려면 열람 목적을 고르십시오.")).to_be_visible()
    expect(page.get_by_test_id("personal-mobile")).to_have_count(0)
    assert_no_axe_violations(page)

    page.get_by_label("열람 목적").select_option(label="비상 연락")
    page.get_by_test_id("personal-open").click()
    expect(page.get_by_test_id("personal-mobile")).to_have_text("010-9999-0000")
    assert_no_axe_violations(page)

    access = PersonalDataAccess.objects.get()
    assert (access.viewer, access.subject, access.fields, access.purpose) == (
        hr,
        other,
        "mobile",
        "emergency",
    )
    assert access.path == f"/directory/{other.employee_number}/"
    assert access.ip_address == "127.0.0.1"
