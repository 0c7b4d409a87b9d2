"""The Wagtail admin in Korean for every demo role that uses it (issue 15 §4.1): each role walks
its dashboard, every screen its menu offers (lists and reports), the add form and the first edit
form found on each list, its account page, the keyboard-shortcut dialog, a form saved empty (the
validation messages) and, for page editors, the page explorer and a page's edit form saved with
an empty title. Every screen fails on an English word that is not on the explicit allow-list of
names and acronyms below. One browser context per role; the demo is seeded once.

What the test reads: the visible text (``innerText``) and what a screen reader announces for the
visible elements (``aria-label``, ``title``, ``placeholder``). Addresses, e-mail addresses and
file names are removed first; words are runs of Latin letters."""

import io
import re
from collections import defaultdict

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect

from intranet.directory.demo import DEMO_PASSWORD

pytestmark = pytest.mark.browser

# The demo log-ins whose roles open the admin (docs/admin-roles.md).
ADMIN_LOGINS = ("learning", "planner", "leader", "editor", "secretary", "hradmin", "surveys")

# Names that stay in Latin letters in a Korean screen: the software's, and the organisations and
# products the demo's records name. Acronyms (a word in capitals: KPI, AICC, CSV, GMT) and single
# letters (장병e음, %p) are allowed by rule; every other Latin-letter word fails the test.
NAMES = (
    "Wagtail",
    "Ieum",
    "English",  # the language choice names each language in itself, as the site's does
    # the demo's records
    "The Linux Foundation",
    "AWS Certified Solutions Architect – Associate",
    "AWS Summit Seoul",
    "Amazon Web Services",
    "REAL Summit",
    "K-AI PaaS Summit",
    "Kubernetes Community Day Seoul",
    "Certified Kubernetes Administrator",
    "sLLM",
    # keys in the keyboard-shortcut dialog
    "Ctrl",
    "Cmd",
    "Shift",
    "Alt",
    "Option",
    "Enter",
    "Esc",
    "Tab",
    "Mod",
)
ACRONYM = re.compile(r"[A-Z][A-Z0-9]+|[A-Za-z]")

TEXT_JS = """() => {
  const texts = [document.body.innerText];
  for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
    if (el.checkVisibility && !el.checkVisibility()) continue;
    for (const name of ['aria-label', 'title', 'placeholder']) {
      const value = el.getAttribute(name);
      if (value) texts.push(value);
    }
  }
  return texts.join('\\n');
}"""

# Table cells that are identifiers, not text: the demo's log-in IDs (the user field of a staff
# record, the aging-pages report's "last published by") and the survey areas' codes.
IDENTIFIER_CELLS = {
    *(
        "staff",
        "learning",
        "planner",
        "owner",
        "leader",
        "editor",
        "secretary",
        "hradmin",
        "surveys",
        "admin",
    ),
    *("leadership", "communication", "culture", "environment", "growth", "welfare"),
}
NOT_WORDS = re.compile(
    r"\b(?:" + "|".join(map(re.escape, NAMES)) + r")\b"
    r"|^[\w+-]+(?:/[\w+-]+)*: (?:GMT|UTC)"  # a time zone's identifier in the account's list
    r"|^localtime$"  # the time zone list's entry for the server's own
    r"|\b[a-z0-9]+(?:-[a-z0-9]+)+\b"  # codes (sat-lead-01, course-content-1)
    r"|\b[a-z_]+\.[a-z_]+(?::\d+)?"  # a model's label in a help text (learning.course:12)
    r"|\S+@\S+"  # e-mail addresses
    r"|(?:https?://|/)\S*"  # addresses and paths
    r"|\S+\.(?i:pdf|png|jpe?g|gif|svg|webp|docx?|xlsx?|hwpx?|pptx?|csv|txt|zip)\b",  # file names
    re.MULTILINE,
)
WORD = re.compile(r"[A-Za-z]+(?:['’][A-Za-z]+)*")
MENU_URLS = re.compile(r'"(/admin/[^"?#]*)"')


def english_lines(text: str) -> list[str]:
    """The lines of ``text`` holding a Latin-letter word that is not allowed, each once."""
    found = []
    for line in text.splitlines():
        cells = "\t".join(cell for cell in line.split("\t") if cell.strip() not in IDENTIFIER_CELLS)
        words = {w for w in WORD.findall(NOT_WORDS.sub(" ", cells)) if not ACRONYM.fullmatch(w)}
        if words and line.strip() not in found:
            found.append(line.strip())
    return found


class Walk:
    def __init__(self, page):
        self.page = page
        self.english: dict[str, list[str]] = defaultdict(list)
        self.screens = 0

    def check(self, label: str) -> None:
        self.page.wait_for_load_state("load")
        self.screens += 1
        for line in english_lines(self.page.evaluate(TEXT_JS)):
            self.english[line].append(label)

    def visit(self, url: str) -> bool:
        response = self.page.goto(url)
        if response is None or response.status != 200 or "/admin/" not in self.page.url:
            return False
        self.check(url)
        return True


def menu_urls(page) -> list[str]:
    """Every admin address in the sidebar's data (its submenus included, opened or not)."""
    props = page.locator("#wagtail-sidebar-props").text_content()
    skip = ("/admin/logout/", "/admin/account/", "/admin/")
    urls = []
    for url in MENU_URLS.findall(props):
        if url not in skip and url not in urls:
            urls.append(url)
    return urls


def first_href(page, selector: str) -> str | None:
    link = page.locator(selector).first
    return link.get_attribute("href") if link.count() else None


def save_empty(walk: Walk, url: str) -> None:
    """Submit the add form with nothing filled in: Wagtail's and Django's validation messages."""
    page = walk.page
    if not walk.visit(url):
        return
    save = page.locator("form [type=submit]").filter(has_text=re.compile("저장|만들기|생성|추가")).first
    if not save.count():
        return
    save.click()
    page.wait_for_load_state("load")
    walk.check(f"{url} (빈 양식 저장)")


def walk_role(walk: Walk, username: str) -> None:
    page = walk.page
    walk.visit("/admin/")
    urls = menu_urls(page)
    assert urls, f"{username}: the sidebar offers no screen"
    page.keyboard.press("?")  # the keyboard-shortcut dialog
    dialog = page.locator("#keyboard-shortcuts-dialog")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading", name="단축키")).to_be_visible()
    walk.check(f"{username}: 단축키 창")
    page.keyboard.press("Escape")

    walk.visit("/admin/account/")
    seen_models = set()
    for url in urls:
        if not walk.visit(url):
            continue
        add = first_href(page, 'main a[href$="/add/"]')
        edit = first_href(page, 'main a[href*="/edit/"]')
        model = re.sub(r"(add|edit)/.*$", "", add or edit or url)
        if model in seen_models:
            continue
        seen_models.add(model)
        if edit:
            walk.visit(edit)
        if add:
            save_empty(walk, add)


def walk_page_editor(walk: Walk) -> None:
    """The page explorer, a page's edit form, and a save without a title."""
    page = walk.page
    walk.visit("/admin/pages/")
    explore = first_href(page, 'main a[href^="/admin/pages/"][href$="/"]:not([href*="edit"])')
    if explore:
        walk.visit(explore)
    edit = first_href(page, 'main a[href*="/edit/"]')
    assert edit, "a page editor finds no page to edit"
    walk.visit(edit)
    page.locator("#id_title").fill("")
    page.locator("button[type=submit]:not([name])").filter(has_text="초안 저장").first.click()
    page.wait_for_load_state("load")
    expect(page.get_by_text("검증 오류 때문에 페이지를 저장하지 못했습니다.")).to_be_visible()
    walk.check(f"{edit} (제목 없이 저장)")


def test_every_admin_role_sees_its_admin_screens_in_korean(browser, live_url):
    call_command("seed_demo", stdout=io.StringIO())
    english, screens = defaultdict(set), 0
    for username in ADMIN_LOGINS:
        context = browser.new_context(
            locale="ko-KR",
            base_url=live_url,
            timezone_id="Asia/Seoul",
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.goto("/accounts/login/")
        page.get_by_test_id("login-username").fill(User.objects.get(username=username).username)
        page.get_by_test_id("login-password").fill(DEMO_PASSWORD)
        page.get_by_test_id("login-submit").click()
        page.get_by_test_id("logout").wait_for(state="attached")
        walk = Walk(page)
        walk_role(walk, username)
        if username in ("editor", "learning"):
            walk_page_editor(walk)
        screens += walk.screens
        for line, where in walk.english.items():
            english[line].update(f"{username} {w}" for w in where[:2])
        context.close()
    print(f"{screens} admin screens read")
    assert screens > 60, f"only {screens} admin screens were read"
    assert not english, f"English on {len(english)} line(s) of the Korean admin:\n" + "\n".join(
        f"{line!r}  ← {sorted(where)[:2]}" for line, where in sorted(english.items())
    )
