"""The education home page links to the parts of the education site that live in their own
packages (external learning records, study clubs), and their pages lead back through the learning
menu. axe-core on the home page and on each part's page reached from it."""

import pytest
from playwright.sync_api import expect

from learning.clubs.services import club_create
from tests.factories import staff_with_login

pytestmark = pytest.mark.browser


def test_home_page_leads_to_records_and_clubs_and_back(page, login, assert_no_axe_violations):
    me = staff_with_login(name="김민수")
    club_create(name="생성형 AI 연구회", leader=me, description="sLLM과 RAG를 공부합니다.")
    login(page, me)

    page.goto("/learning/")
    subsites = page.get_by_test_id("learning-subsites")
    expect(subsites).to_contain_text("외부 학습·자격증")
    expect(subsites).to_contain_text("학습 동호회")
    assert_no_axe_violations(page)

    page.get_by_test_id("subsite-clubs").click()
    expect(page).to_have_url("/learning/clubs/")
    expect(page.get_by_test_id("club-row")).to_contain_text("생성형 AI 연구회")
    assert_no_axe_violations(page)
    page.get_by_role("navigation", name="교육 메뉴").get_by_role("link", name="교육 홈").click()
    expect(page).to_have_url("/learning/")

    page.get_by_test_id("subsite-records").click()
    expect(page).to_have_url("/learning/records/")
    expect(page.get_by_test_id("my-records")).to_be_visible()
    assert_no_axe_violations(page)
    # the learning menu goes from one part to the other as well as home
    page.get_by_test_id("learning-nav-clubs").click()
    expect(page).to_have_url("/learning/clubs/")
    page.get_by_role("navigation", name="교육 메뉴").get_by_role("link", name="교육 홈").click()
    expect(page.get_by_test_id("featured-courses")).to_be_visible()
