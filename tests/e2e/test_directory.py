import pytest
from playwright.sync_api import expect

from tests.factories import DepartmentFactory, StaffFactory, staff_with_login

pytestmark = pytest.mark.browser


def rows(page):
    return page.get_by_test_id("staff-table").locator("tbody tr")


def names(page):
    return page.get_by_test_id("staff-link")


def search(page, text):
    page.get_by_test_id("directory-q").fill(text)
    page.get_by_test_id("directory-filter").get_by_role("button", name="찾기").click()


def test_search_by_initials_and_romanised_name_then_filter_by_department(
    page, login, assert_no_axe_violations
):
    education = DepartmentFactory(name="교육운영팀")
    planning = DepartmentFactory(name="성과기획팀")
    me = staff_with_login(name="이영희", department=planning)
    StaffFactory(name="김민수", department=education, job_title="정보화 교육 운영")
    StaffFactory(name="김미선", department=planning)
    StaffFactory(name="박정훈", department=education)

    login(page, me)
    page.goto("/directory/")
    expect(page.get_by_test_id("result-count")).to_have_text("4명")
    assert_no_axe_violations(page)

    search(page, "ㄱㅁㅅ")
    expect(names(page)).to_have_text(["김미선", "김민수"])
    expect(page).to_have_url("/directory/?q=%E3%84%B1%E3%85%81%E3%85%85&department=&grade=&position=")

    search(page, "minsu kim")
    expect(names(page)).to_have_text(["김민수"])
    expect(rows(page).first).to_contain_text("교육운영팀")

    search(page, "")
    page.get_by_role("link", name="조직도에서 부서 고르기").click()  # no list of every department
    page.get_by_role("link", name="교육운영팀", exact=True).click()
    page.get_by_role("link", name="교육운영팀 직원 보기").click()
    expect(names(page)).to_have_text(["김민수", "박정훈"])
    expect(page.get_by_test_id("result-count")).to_have_text("2명")
    expect(page.get_by_test_id("directory-department")).to_contain_text("부서: 교육운영팀")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="부서 조건 지우기").click()
    expect(page.get_by_test_id("result-count")).to_have_text("4명")


def test_sort_by_clicking_headers_and_paginate_past_25(page, login, assert_no_axe_violations):
    first, second = DepartmentFactory(name="가나다팀"), DepartmentFactory(name="하하하팀")
    me = staff_with_login(name="가영수", department=second)
    for n in range(29):
        StaffFactory(name=f"나직원{n:02d}", department=first if n % 2 else second)
    StaffFactory(name="힣마지막", department=first)  # 31 staff in all

    login(page, me)
    page.goto("/directory/")
    expect(page.get_by_test_id("result-count")).to_have_text("31명")
    expect(rows(page)).to_have_count(25)
    expect(names(page).first).to_have_text("가영수")

    table = page.get_by_test_id("staff-table")
    table.get_by_role("link", name="성명").click()  # already by name: the header reverses it
    expect(page).to_have_url("/directory/?sort=-name")
    expect(names(page).first).to_have_text("힣마지막")

    table.get_by_role("link", name="부서").click()
    expect(page).to_have_url("/directory/?sort=department")
    expect(rows(page).first).to_contain_text("가나다팀")
    table.get_by_role("link", name="부서").click()
    expect(rows(page).first).to_contain_text("하하하팀")
    assert_no_axe_violations(page)

    table.get_by_role("link", name="성명").click()
    expect(page).to_have_url("/directory/?sort=name")
    page.locator(".pagination").get_by_role("link", name="2", exact=True).click()
    expect(page).to_have_url("/directory/?sort=name&page=2")
    expect(rows(page)).to_have_count(6)
    expect(names(page).last).to_have_text("힣마지막")
    assert_no_axe_violations(page)
