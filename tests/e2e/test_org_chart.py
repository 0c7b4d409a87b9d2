import pytest
from playwright.sync_api import expect

from tests.factories import DepartmentFactory, StaffFactory, staff_with_login

pytestmark = pytest.mark.browser


def test_org_chart_shows_tree_heads_and_head_counts(page, login, assert_no_axe_violations):
    division = DepartmentFactory(name="경영기획본부", sort_order=1)
    team = DepartmentFactory(name="교육운영팀", parent=division)
    director = StaffFactory(name="박정훈", department=division)
    division.head = director
    division.save()
    me = staff_with_login(name="김민수", department=team)
    StaffFactory(name="이영희", department=team)
    StaffFactory(name="퇴직자", department=team, is_active=False)
    DepartmentFactory(name="감사실", sort_order=2)

    login(page, me)
    page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="조직도").click()
    expect(page).to_have_url("/directory/org/")
    chart = page.get_by_test_id("org-chart")
    boxes = chart.locator(".org-node__box")
    expect(boxes).to_have_count(3)
    expect(boxes.nth(0)).to_contain_text("경영기획본부")
    expect(boxes.nth(0)).to_contain_text("1명 (하위 포함 3명)")
    expect(boxes.nth(0)).to_contain_text("부서장 박정훈")
    expect(boxes.nth(1)).to_contain_text("교육운영팀")
    expect(boxes.nth(1)).to_contain_text("2명 (하위 포함 2명)")
    expect(boxes.nth(2)).to_contain_text("감사실")
    expect(boxes.nth(2)).to_contain_text("0명 (하위 포함 0명)")
    # The team sits inside the division's branch of the tree.
    expect(chart.locator(".org-node", has_text="경영기획본부").locator("ul .org-node__name")).to_have_text(
        ["교육운영팀"]
    )
    assert_no_axe_violations(page)

    chart.get_by_role("link", name="박정훈").click()
    expect(page.get_by_test_id("profile-name")).to_have_text("박정훈")
