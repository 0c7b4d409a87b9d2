import pytest
from playwright.sync_api import expect

from tests.factories import DepartmentFactory, StaffFactory, staff_with_login

pytestmark = pytest.mark.browser


def test_org_chart_walks_the_tree_with_heads_and_head_counts(page, login, assert_no_axe_violations):
    division = DepartmentFactory(name="경영기획본부", code="D1", sort_order=1)
    team = DepartmentFactory(name="교육운영팀", code="D11", parent=division)
    director = StaffFactory(name="박정훈", department=division, position="본부장")
    division.head = director
    division.save()
    me = staff_with_login(name="김민수", department=team)
    StaffFactory(name="이영희", department=team)
    StaffFactory(name="퇴직자", department=team, is_active=False)
    DepartmentFactory(name="감사실", code="D2", sort_order=2)

    login(page, me)
    page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="조직도").click()
    expect(page).to_have_url("/directory/org/")
    units = page.get_by_test_id("org-children").locator(".org-unit")
    expect(units).to_have_count(2)
    expect(units.nth(0)).to_contain_text("경영기획본부")
    expect(units.nth(0)).to_contain_text("1명 (하위 포함 3명)")
    expect(units.nth(0)).to_contain_text("박정훈")
    expect(units.nth(0)).to_contain_text("1개")
    expect(units.nth(1)).to_contain_text("0명 (하위 포함 0명)")
    assert_no_axe_violations(page)

    units.nth(0).get_by_role("link", name="경영기획본부").click()
    expect(page).to_have_url("/directory/org/D1/")
    child = page.get_by_test_id("org-children").locator(".org-unit")
    expect(child).to_have_count(1)
    expect(child).to_contain_text("2명 (하위 포함 2명)")
    child.get_by_role("link", name="교육운영팀").click()
    expect(page.get_by_test_id("org-path")).to_contain_text("경영기획본부")
    expect(page.get_by_text("하위 부서가 없습니다.")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_test_id("org-path").get_by_role("link", name="경영기획본부").click()
    page.get_by_test_id("org-chart").get_by_role("link", name="박정훈").first.click()
    expect(page.get_by_test_id("profile-name")).to_have_text("박정훈")
