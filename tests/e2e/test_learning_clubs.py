"""Browser journey of study clubs: a club leader logs a meeting (a missing topic refused first)
and it shows in the club's log; a member joins from the club page. axe-core on the list, the club
page and the leader's forms."""

import pytest
from playwright.sync_api import expect

from learning.clubs.services import club_create, club_join
from tests.factories import StaffFactory, staff_with_login

pytestmark = pytest.mark.browser


def test_leader_logs_a_meeting_and_a_colleague_joins(page, login, assert_no_axe_violations):
    leader = staff_with_login(name="정대현")
    colleague = staff_with_login(name="강서연")
    club = club_create(name="생성형 AI 연구회", leader=leader, description="sLLM과 RAG를 공부합니다.")
    member = StaffFactory(name="조현우")
    club_join(club=club, staff=member)
    login(page, leader)

    page.goto("/learning/clubs/")
    expect(page.get_by_test_id("club-row")).to_contain_text("생성형 AI 연구회")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="생성형 AI 연구회").click()
    expect(page.get_by_test_id("club-leader")).to_contain_text("정대현")
    expect(page.get_by_test_id("club-member")).to_have_count(2)
    assert_no_axe_violations(page)

    page.get_by_test_id("meeting-new").click()
    expect(page).to_have_url(f"/learning/clubs/{club.pk}/meetings/new/")
    assert_no_axe_violations(page)
    page.get_by_label("모임 날짜").fill("2025-04-10")
    page.get_by_test_id("club-save").click()
    expect(page.locator(".field--error")).to_contain_text("모임 주제를 적어 주세요")
    assert_no_axe_violations(page)
    page.get_by_label("주제").fill("RAG로 규정 검색하기")
    page.get_by_label("조현우").check()
    page.get_by_label("내용").fill("재정 업무 규정 문서로 실험")
    page.get_by_test_id("club-save").click()
    expect(page).to_have_url(f"/learning/clubs/{club.pk}/")
    meeting = page.get_by_test_id("club-meeting")
    expect(meeting).to_contain_text("RAG로 규정 검색하기")
    expect(meeting).to_contain_text("조현우")

    page.get_by_test_id("entry-new").click()
    assert_no_axe_violations(page)
    page.locator("#id_competition").fill("2025 국방 AI 경진대회")
    page.get_by_label("출품작").fill("재정 규정 챗봇")
    page.get_by_label("대회 날짜").fill("2025-07-03")
    page.get_by_label("조현우").check()
    page.get_by_label("결과·수상").fill("우수상")
    page.get_by_test_id("club-save").click()
    expect(page.get_by_test_id("club-entry")).to_contain_text("우수상")
    assert_no_axe_violations(page)

    # A colleague joins the open club and sees it on their profile.
    page.context.clear_cookies()
    login(page, colleague)
    page.goto(f"/learning/clubs/{club.pk}/")
    expect(page.get_by_test_id("meeting-new")).to_have_count(0)
    page.get_by_test_id("club-join").click()
    expect(page.get_by_test_id("club-member")).to_have_count(3)
    page.goto(colleague.get_absolute_url())
    expect(page.get_by_test_id("profile-club")).to_contain_text("생성형 AI 연구회")
    assert_no_axe_violations(page)
