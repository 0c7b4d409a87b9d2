"""Browser journeys of the newsroom: read a card news issue with the keyboard only (carousel and
text version), acknowledge a mandatory notice, an editor sees the read figures; axe-core on every
newsroom page type (home, issue, archive, article, notice, read figures, pending list, settings)."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from newsroom.models import IssueRead
from tests.factories import DepartmentFactory, StaffFactory, staff_with_login
from tests.newsroom import builders

pytestmark = pytest.mark.browser


def _tab_to(page, testid: str, limit: int = 60):
    """Press Tab until the element with ``testid`` has the focus (keyboard only, no clicks)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.dataset.testid") == testid:
            return
    pytest.fail(f"could not reach {testid} with the Tab key")


def test_read_an_issue_with_the_keyboard_and_open_its_text_version(page, login, assert_no_axe_violations):
    me = staff_with_login(name="김독자")
    issue = builders.issue(month=3, title="키보드 호", cards=3, images=[builders.image(size=64)])
    author = StaffFactory(name="박원장", position="원장")
    article = builders.article(author=author, title="원장 단상 첫 글")
    login(page, me)

    page.get_by_role("link", name="소식", exact=True).click()
    expect(page).to_have_url("/newsroom/")
    expect(page.get_by_test_id("latest-issue")).to_contain_text("키보드 호")
    assert_no_axe_violations(page)

    page.goto(issue.url)
    expect(page.get_by_test_id("carousel-status")).to_have_text("1 / 3")
    cards = page.get_by_test_id("card")
    expect(cards.nth(0)).to_be_visible()
    expect(cards.nth(1)).to_be_hidden()
    assert_no_axe_violations(page)

    _tab_to(page, "carousel-next")
    page.keyboard.press("Enter")
    expect(page.get_by_test_id("carousel-status")).to_have_text("2 / 3")
    expect(cards.nth(1)).to_be_visible()
    expect(cards.nth(0)).to_be_hidden()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_test_id("carousel-status")).to_have_text("3 / 3")
    page.keyboard.press("ArrowRight")  # no wrap, no auto-rotation
    expect(page.get_by_test_id("carousel-status")).to_have_text("3 / 3")
    page.keyboard.press("ArrowLeft")
    expect(page.get_by_test_id("carousel-status")).to_have_text("2 / 3")

    page.keyboard.press("Shift+Tab")
    _tab_to(page, "text-version-link")
    page.keyboard.press("Enter")
    expect(page).to_have_url(f"{issue.url}#text-version")
    expect(page.get_by_test_id("text-version")).to_be_in_viewport()
    expect(page.get_by_test_id("text-version")).to_contain_text("텍스트 버전 본문")
    assert IssueRead.objects.filter(issue=issue, staff=me).count() == 1

    page.goto("/newsroom/card-news/")
    expect(page.get_by_test_id("archive-issue")).to_have_count(1)
    assert_no_axe_violations(page)

    page.goto(article.url)
    expect(page.get_by_test_id("article-author")).to_have_text("박원장")
    assert_no_axe_violations(page)

    page.goto("/newsroom/subscription/")
    page.get_by_label("매달 카드뉴스가 발행되면 메일로 받기").check()
    page.get_by_test_id("subscription-save").click()
    expect(page.get_by_role("status")).to_contain_text("월간 카드뉴스 메일을 받습니다")
    assert_no_axe_violations(page)


def test_every_card_is_reachable_without_javascript(browser, live_url, login):
    context = browser.new_context(java_script_enabled=False, base_url=live_url, locale="ko-KR")
    try:
        page = context.new_page()
        me = staff_with_login()
        issue = builders.issue(cards=4, images=[builders.image(size=32)])
        login(page, me)
        page.goto(issue.url)
        for index in range(4):
            expect(page.get_by_test_id("card").nth(index)).to_be_visible()
        expect(page.get_by_test_id("carousel-next")).to_be_hidden()
    finally:
        context.close()


def test_acknowledge_a_mandatory_notice(page, login, assert_no_axe_violations):
    team = DepartmentFactory(name="보안팀")
    me = staff_with_login(name="이확인", department=team)
    notice = builders.notice(title="정기 보안 점검", mandatory=True, departments=[team])
    login(page, me)
    # It waits on the dashboard until acknowledged (not only as one bell item).
    page.goto("/")
    expect(page.get_by_test_id("notices-to-acknowledge")).to_contain_text("정기 보안 점검")
    assert_no_axe_violations(page)
    page.goto("/newsroom/")
    page.get_by_role("link", name="정기 보안 점검").click()
    expect(page.get_by_test_id("acknowledge")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_test_id("acknowledge").click()
    expect(page.get_by_test_id("acknowledged")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("공지를 확인했습니다")
    assert notice.acknowledgements.filter(staff=me).count() == 1
    assert_no_axe_violations(page)
    page.goto("/")
    expect(page.get_by_test_id("notices-to-acknowledge")).to_have_count(0)


def test_feed_addresses_on_one_s_profile_and_renewing_them(page, login, assert_no_axe_violations):
    from intranet.feedkeys import feed_key

    me = staff_with_login(name="구독자")
    login(page, me)
    page.goto(f"/directory/{me.employee_number}/")
    section = page.get_by_test_id("feed-addresses")
    expect(section.get_by_test_id("feed-address")).to_have_count(5)  # the calendar and four RSS feeds
    old_key = feed_key(me.pk)
    expect(section).to_contain_text(old_key)
    assert_no_axe_violations(page)
    section.get_by_test_id("feed-key-renew").click()
    expect(page.get_by_role("status")).to_contain_text("구독 주소를 새로 만들었습니다")
    expect(page.get_by_test_id("feed-addresses")).not_to_contain_text(old_key)
    expect(page.get_by_test_id("feed-addresses")).to_contain_text(feed_key(me.pk))
    assert_no_axe_violations(page)


def test_editor_sees_read_figures_and_who_has_not_acknowledged(page, login, assert_no_axe_violations):
    editor = staff_with_login(roles=["editor"], name="정편집")
    issue = builders.issue(month=4, title="열람 호", cards=1, images=[builders.image()])
    notice = builders.notice(title="필독 공지", mandatory=True)
    big, small, other = (
        DepartmentFactory(name="정보화팀"),
        DepartmentFactory(name="소수팀"),
        DepartmentFactory(),
    )
    for department, count in [(big, 6), (small, 2), (other, 3)]:  # 2 + 3 together reach 5
        IssueRead.objects.bulk_create(
            IssueRead(issue=issue, staff=s, department=department, read_at=timezone.now())
            for s in StaffFactory.create_batch(count, department=department)
        )
    StaffFactory(name="안읽음", department=big)
    login(page, editor)
    page.goto("/newsroom/")
    page.get_by_test_id("reads-link").click()
    expect(page.get_by_test_id("issue-readers").first).to_have_text("11")
    assert_no_axe_violations(page)
    page.get_by_test_id("issue-readers").first.get_by_role("link").click()
    expect(page.get_by_test_id("reads-total")).to_have_text("11")
    table = page.get_by_test_id("reads-by-department")
    expect(table).to_contain_text("정보화팀")
    expect(table).not_to_contain_text("소수팀")
    expect(page.get_by_test_id("reads-hidden")).to_contain_text("응답자 수가 적어 표시하지 않습니다")
    assert_no_axe_violations(page)

    page.goto(notice.url)
    page.get_by_test_id("pending-link").click()
    expect(page.get_by_test_id("pending-table")).to_contain_text("안읽음")
    assert_no_axe_violations(page)
