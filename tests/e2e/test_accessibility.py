"""Accessibility across page types (issue 15): the focus indicator is visible on every background
(>= 3:1, WCAG 1.4.11 / 2.4.13) and every page type reflows at 320 CSS px without sideways page
scrolling (WCAG 1.4.10) and passes axe-core at that size. One browser context per role, reused
across the URLs, keeps these walks cheap."""

import datetime as dt

import pytest
from django.utils import timezone

from intranet.roles import Role
from newsroom.activity.models import Partnership
from performance.services import MilestoneInput
from tests.factories import DEMO_PASSWORD, DepartmentFactory, StaffFactory, staff_with_login
from tests.performance.builders import build_plan, build_programme, kpi
from tests.surveys import factories as f

pytestmark = pytest.mark.browser

# The WCAG 2.x relative luminance and contrast ratio, and each focus stop's indicator: the outline
# and the ring (box-shadow) colours, each against the opaque background the indicator is drawn on
# (the nearest ancestor's background, since outline and ring lie outside the element's box).
FOCUS_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const rgba = (text) => { const m = text.match(/[\\d.]+/g); return m ? m.map(Number) : null; };
  const lum = ([r, g, b]) => {
    const c = [r, g, b].map(v => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const ratio = (a, b) => {
    const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
    return (x + 0.05) / (y + 0.05);
  };
  let background = null;
  for (let node = el.parentElement; node; node = node.parentElement) {
    const c = rgba(getComputedStyle(node).backgroundColor);
    if (c && (c.length < 4 || c[3] > 0)) { background = c; break; }
  }
  background = background || [255, 255, 255];
  const style = getComputedStyle(el.matches('.choice input') ? el.nextElementSibling : el);
  const colours = [];
  if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2) {
    colours.push(rgba(style.outlineColor));
  }
  if (style.boxShadow !== 'none') colours.push(rgba(style.boxShadow));
  const best = Math.max(0, ...colours.map(c => ratio(c, background)));
  return {best, what: el.outerHTML.slice(0, 120), background: background.join(',')};
}"""

SCROLL_JS = "() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]"


def agency():
    """A small agency with a page of each kind to see: the directory, a plan with a programme,
    survey results with a heatmap, partnerships and learning hours. Returns the two people."""
    year = timezone.localdate().year
    department = DepartmentFactory(code="A101", name="정보화팀")
    me = staff_with_login(name="김민수", department=department, extension="1234")
    manager = staff_with_login(
        name="박지훈",
        department=department,
        roles=[Role.PLANNER, Role.SURVEY_ADMIN, Role.LEARNING_ADMIN, Role.EDITOR],
    )
    for name in ("이영희", "정대현", "강서연"):
        StaffFactory(name=name, department=department, job_title="정보화 교육 운영", extension="2345")
    plan = build_plan(year)
    programme = build_programme(
        plan,
        code="P-07",
        owner=me,
        department=department,
        milestones=[MilestoneInput("착수 보고", dt.date(year, 1, 1), 100)],
        kpis=[kpi()],
    )
    leadership, talk = f.area("leadership", 1, "리더십"), f.area("talk", 2, "소통")
    survey = f.survey([f.bank("lead", area=leadership), f.bank("talk", area=talk)], title="조직문화 설문")
    for code, name, n in (("S1", "기획팀", 6), ("S2", "홍보팀", 5)):
        unit = f.department(code, name)
        f.audience(survey, unit, n)
        f.respond(survey, {"lead": 4, "talk": 3}, dept=unit, times=n)
    Partnership.objects.create(
        partner="한국지능정보사회진흥원디지털플랫폼정부지원센터",
        kind=Partnership.Kind.MOU,
        date=dt.date(year, 3, 2),
        scope="공공 데이터 개방과 인공지능 서비스 공동 개발을 위한 업무협약",
        department=department,
        created_by=manager,
    )
    staff_pages = [
        "/",
        "/directory/",
        f"/directory/{me.employee_number}/",
        "/directory/org/",
        "/notifications/",
        "/search/?q=김",
        "/surveys/",
        "/performance/",
        f"/performance/programmes/{programme.pk}/",
        "/newsroom/partnerships/",
    ]
    manager_pages = [
        f"/performance/departments/{department.code}/?year={year}",
        f"/surveys/{survey.pk}/results/",
        f"/surveys/{survey.pk}/tasks/",
        "/learning/hours/",
        "/learning/catalogue/",
        "/newsroom/pr/",
    ]
    return {me: staff_pages, manager: manager_pages}


def signed_in(browser, live_url, person, **context_options):
    context = browser.new_context(
        locale="ko-KR", base_url=live_url, timezone_id="Asia/Seoul", **context_options
    )
    page = context.new_page()
    page.goto("/accounts/login/")
    page.get_by_test_id("login-username").fill(person.user.username)
    page.get_by_test_id("login-password").fill(DEMO_PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.get_by_test_id("logout").wait_for(state="attached")
    return context, page


def test_focus_indicator_contrast_is_at_least_3_to_1_on_every_background(browser, live_url):
    pages = agency()
    weak, stops = [], 0
    for person, urls in pages.items():
        context, page = signed_in(browser, live_url, person, viewport={"width": 1280, "height": 900})
        for url in urls:
            page.goto(url)
            page.locator("body").focus()
            for _ in range(30):  # the header, the page's controls and its first rows
                page.keyboard.press("Tab")
                stop = page.evaluate(FOCUS_JS)
                if stop is None:
                    break
                stops += 1
                if stop["best"] < 3:
                    weak.append((url, round(stop["best"], 2), stop["background"], stop["what"]))
        context.close()
    assert stops > 200, f"only {stops} focus stops were measured"
    assert not weak, "focus indicator below 3:1:\n" + "\n".join(map(str, weak))


def test_every_page_type_reflows_at_320_px_and_passes_axe(browser, live_url, assert_no_axe_violations):
    pages = agency()
    wide = []
    for person, urls in pages.items():
        context, page = signed_in(browser, live_url, person, viewport={"width": 320, "height": 640})
        for url in urls:
            response = page.goto(url)
            assert response.status == 200, (url, response.status)
            scroll_width, client_width = page.evaluate(SCROLL_JS)
            if scroll_width > client_width:
                wide.append((url, scroll_width))
            assert_no_axe_violations(page)
        context.close()
    assert not wide, f"pages wider than 320 px: {wide}"


def test_rich_text_editor_in_the_admin_is_named_after_its_label(page, login, assert_no_axe_violations):
    """Draftail's textbox gets its field's label as its name (intranet/wagtail_hooks.py)."""
    from playwright.sync_api import expect

    from newsroom.selectors import newsroom_index

    login(page, staff_with_login(name="강하은", roles=[Role.EDITOR]))
    page.goto(f"/admin/pages/{newsroom_index().pk}/edit/")
    expect(page.get_by_role("textbox", name="안내 문구")).to_be_visible()
    assert_no_axe_violations(page, context="main")


def test_phone_header_folds_its_menu_behind_a_keyboard_usable_button(page, login, assert_no_axe_violations):
    """At 320 px the header is one line (brand and 메뉴) before the content; the button opens the
    menu, search and the person's tools, says so (aria-expanded), and Escape closes it again."""
    from playwright.sync_api import expect

    page.set_viewport_size({"width": 320, "height": 640})
    login(page, staff_with_login(name="김민수"))
    page.goto("/directory/")
    toggle = page.get_by_role("button", name="메뉴")
    menu = page.get_by_role("navigation", name="주 메뉴")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_hidden()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= 100, f"the phone header takes {header['height']} px"
    content_top = page.locator("main").bounding_box()["y"]
    assert content_top <= 100, f"the content starts {content_top} px down"

    page.locator("body").focus()
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand
    page.keyboard.press("Tab")
    expect(toggle).to_be_focused()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu.get_by_role("link", name="직원 찾기")).to_be_visible()
    expect(page.get_by_test_id("logout")).to_be_visible()
    assert_no_axe_violations(page)
    page.keyboard.press("Tab")  # into the menu
    expect(menu.get_by_role("link").first).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(toggle).to_be_focused()
    expect(toggle).to_have_attribute("aria-expanded", "false")

    page.set_viewport_size({"width": 1280, "height": 900})  # wider screens: no button, menu shown
    expect(toggle).to_be_hidden()
    expect(menu).to_be_visible()
