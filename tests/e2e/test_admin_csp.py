"""The Wagtail admin under the production Content Security Policy: the editors' journeys that
need Wagtail's start-up scripts (choosers, InlinePanel, date pickers). Each test fails on any CSP
violation (``csp_violations`` in conftest) and checks what was saved."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from intranet.surveys.models import Survey
from newsroom.models import CardNewsIssuePage
from newsroom.selectors import newsroom_index
from performance.services import MilestoneInput
from tests.factories import staff_with_login
from tests.newsroom import builders as newsroom_builders
from tests.performance.builders import build_plan, build_programme
from tests.surveys.builders import build_survey

pytestmark = pytest.mark.browser


def settle_autosave(page) -> None:
    """Wagtail 7.4 autosaves a form half a second after a change. A submit racing the autosave of
    a new page no longer creates it twice (``AdminCreateOnceMiddleware``: the submit waits and gets
    the form's error, tests/core/test_double_submit.py), but this journey wants its own submit to
    be the one that saves, so wait as a person would."""
    indicator = page.locator("#w-autosave-indicator")
    if indicator.count():  # pages autosave; snippets without drafts do not
        page.wait_for_timeout(800)
        expect(indicator).not_to_have_attribute("data-w-autosave-state-value", "saving")


def choose_image(page, button, title: str) -> None:
    """Opens an image chooser and picks the image called ``title`` in its modal."""
    button.click()
    modal = page.locator(".modal-dialog")
    modal.locator("a[data-chooser-modal-choice]", has_text=title).first.click()
    expect(modal).to_be_hidden()


def test_editor_creates_and_publishes_a_card_news_issue_with_two_cards(page, login, csp_violations):
    editor = staff_with_login(roles=["editor"])
    newsroom_builders.image("표지 그림")
    newsroom_builders.image("첫 카드 그림")
    newsroom_builders.image("둘째 카드 그림")
    expires = timezone.localdate() + dt.timedelta(days=45)

    login(page, editor)
    page.goto(f"/admin/pages/add/newsroom/cardnewsissuepage/{newsroom_index().pk}/")
    page.locator("#id_title").fill("이달의 카드뉴스")
    page.locator("#id_year").fill("2026")
    page.locator("#id_month").fill("4")
    choose_image(
        page, page.locator("#id_cover-chooser").get_by_role("button", name="이미지 선택"), "표지 그림"
    )
    page.locator("#id_cover_alt").fill("표지: 봄 소식")
    page.get_by_role("button", name="카드 추가").click()  # InlinePanel adds the second card
    cards = page.locator("#id_cards-FORMS > [data-inline-panel-child]:visible")
    expect(cards).to_have_count(2)
    for number, title in ((0, "첫 카드 그림"), (1, "둘째 카드 그림")):
        choose_image(page, page.locator(f"#id_cards-{number}-image-chooser").get_by_role("button"), title)
        page.locator(f"#id_cards-{number}-alt_text").fill(f"카드 {number + 1}: {title}")
    page.locator(".Draftail-Editor [contenteditable=true]").fill("봄 소식 두 장을 글로 옮겼습니다.")

    # The expiry date, in the scheduling dialog's date-time picker.
    page.locator('[data-side-panel-toggle="status"]').click()
    page.locator('[data-a11y-dialog-show="schedule-publishing-dialog"]').first.click()
    expire = page.locator("#id_expire_at")
    expire.click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)  # the picker was set up
    expire.fill(f"{expires:%Y-%m-%d} 18:00")
    page.keyboard.press("Tab")  # leaves the picker
    # "Save schedule" saves the whole form as a draft (closing the dialog would undo the date).
    settle_autosave(page)
    page.locator("#schedule-publishing-dialog button.action-save").click()
    expect(page.locator(".messages .success")).to_be_visible()

    page.locator('[data-w-dropdown-target="toggle"]', has=page.locator(".icon-arrow-up")).or_(
        page.locator("footer .w-dropdown__toggle")
    ).first.click()
    settle_autosave(page)
    page.get_by_role("button", name="게시", exact=True).click(no_wait_after=True)
    page.wait_for_url(f"**/admin/pages/{newsroom_index().pk}/", timeout=30_000)  # publishing is slow
    expect(page.locator(".messages .success")).to_be_visible()

    issue = CardNewsIssuePage.objects.get(year=2026, month=4)
    assert issue.live and issue.title == "이달의 카드뉴스"
    assert issue.cover.title == "표지 그림"
    assert [(c.image.title, c.alt_text) for c in issue.cards.order_by("sort_order")] == [
        ("첫 카드 그림", "카드 1: 첫 카드 그림"),
        ("둘째 카드 그림", "카드 2: 둘째 카드 그림"),
    ]
    assert timezone.localtime(issue.expire_at) == timezone.make_aware(
        dt.datetime.combine(expires, dt.time(18, 0))
    )
    assert not csp_violations


def test_planner_edits_a_programme_with_inline_kpis_and_milestones(page, login, csp_violations):
    planner = staff_with_login(roles=["planner"])
    plan = build_plan(2025)
    programme = build_programme(
        plan,
        milestones=[
            MilestoneInput("착수 보고", dt.date(2025, 3, 31), 40),
            MilestoneInput("완료 보고", dt.date(2025, 11, 30), 60),
        ],
    )

    login(page, planner)
    page.goto(f"/admin/snippets/performance/programme/edit/{programme.pk}/")
    page.get_by_role("button", name="성과지표 추가").click()
    page.locator("#id_kpis-0-name").fill("교육 만족도")
    page.locator("#id_kpis-0-unit").fill("점")
    page.locator("#id_kpis-0-baseline").fill("80")
    page.locator("#id_kpis-0-target").fill("90")
    page.get_by_role("button", name="추진 일정 추가").click()
    page.locator("#id_milestones-2-title").fill("중간 점검")
    due = page.locator("#id_milestones-2-due_date")
    due.click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)  # the new row's picker
    due.fill("2025-06-30")
    page.keyboard.press("Tab")
    page.locator("#id_milestones-2-weight").fill("20")
    page.locator("#id_milestones-1-weight").fill("40")
    settle_autosave(page)
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator(".messages .success")).to_be_visible()

    assert list(programme.kpis.values_list("name", "unit", "baseline", "target")) == [
        ("교육 만족도", "점", 80, 90)
    ]
    assert sorted(programme.milestones.values_list("title", "due_date", "weight")) == [
        ("완료 보고", dt.date(2025, 11, 30), 40),
        ("중간 점검", dt.date(2025, 6, 30), 20),
        ("착수 보고", dt.date(2025, 3, 31), 40),
    ]
    assert not csp_violations


def test_survey_admin_edits_a_survey_and_saves(page, login, csp_violations):
    admin = staff_with_login(roles=["survey admin"])
    survey = build_survey(title="조직문화 설문 초안")
    closes = timezone.localdate(survey.closes_at) + dt.timedelta(days=14)

    login(page, admin)
    page.goto(f"/admin/snippets/surveys/survey/edit/{survey.pk}/")
    page.locator("#id_title").fill("조직문화 설문")
    closes_at = page.locator("#id_closes_at")
    closes_at.click()
    expect(page.locator(".xdsoft_datetimepicker:visible")).to_have_count(1)
    closes_at.fill(f"{closes:%Y-%m-%d} 18:00")
    page.keyboard.press("Tab")
    settle_autosave(page)
    page.get_by_role("button", name="저장", exact=True).click()
    expect(page.locator(".messages .success")).to_be_visible()

    survey = Survey.objects.get(pk=survey.pk)
    assert survey.title == "조직문화 설문"
    assert timezone.localtime(survey.closes_at) == timezone.make_aware(
        dt.datetime.combine(closes, dt.time(18, 0))
    )
    assert not csp_violations
