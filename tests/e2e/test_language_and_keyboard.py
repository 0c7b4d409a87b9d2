import pytest
from playwright.sync_api import expect

from tests.factories import staff_with_login

pytestmark = pytest.mark.browser


def test_switch_to_english_and_back(page, login, assert_no_axe_violations):
    login(page, staff_with_login(name="김민수"))
    page.goto("/directory/")
    html = page.locator("html")
    expect(html).to_have_attribute("lang", "ko")
    english = page.locator('#lang-select option[value="en"]')
    expect(english).to_have_text("English")  # each language named in itself

    page.get_by_label("언어").select_option("en")  # the select submits itself (ieum.js)
    expect(html).to_have_attribute("lang", "en")
    expect(page).to_have_url("/directory/")
    language = page.locator("#lang-select")
    expect(language).to_have_value("en")
    expect(english).to_have_text("English")
    assert_no_axe_violations(page)

    page.goto("/")  # the choice is remembered across pages
    expect(html).to_have_attribute("lang", "en")
    language.select_option("ko")
    expect(html).to_have_attribute("lang", "ko")
    expect(language).to_have_value("ko")
    expect(english).to_have_text("English")  # each language named in itself
    expect(
        page.get_by_role("navigation", name="주 메뉴").get_by_role("link", name="직원 찾기")
    ).to_be_visible()


def test_keyboard_user_reaches_and_uses_the_skip_link(page, login, assert_no_axe_violations):
    login(page, staff_with_login(name="김민수"))
    page.goto("/directory/")
    skip = page.get_by_role("link", name="본문으로 건너뛰기")
    expect(skip).not_to_be_in_viewport()

    page.keyboard.press("Tab")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    assert_no_axe_violations(page)

    page.keyboard.press("Enter")
    expect(page).to_have_url("/directory/#main")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is the first control of the content, not the menu
    expect(page.get_by_test_id("directory-q")).to_be_focused()
