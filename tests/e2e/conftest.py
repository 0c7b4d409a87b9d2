"""Real-browser journeys: Playwright (sync API) driving Debian's Chromium against a live server.

Each xdist worker has its own test database (a SQLite file, see ``intranet.settings.test``), its
own live server thread and its own browser. Every test gets a fresh browser context, so cookies
and sessions never leak from one test to the next.
"""

import os
import shutil
from pathlib import Path

import django.test.testcases as _testcases
import pytest

from tests.db_state import reset_sequences

# Playwright's sync API runs an asyncio event loop in this thread, and Django refuses ORM calls
# from a thread with a running loop. The test code is still plain synchronous code, so allow it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

# Production parity for uploads: Django's live server would answer /media/ itself from MEDIA_ROOT
# (inline, every folder, none of Ieum's headers); make it pass every request to Ieum's own view.
_testcases._MediaFilesHandler = lambda application: application

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
EXPECT_TIMEOUT_MS = 10_000


def _chromium_path() -> str:
    """Debian's Chromium, never a downloaded browser. Missing is a failure, not a skip."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return str(CHROMIUM)
    if os.environ.get("CI"):
        pytest.fail(f"{CHROMIUM} is missing in CI: the set-up must install Debian's chromium package.")
    pytest.fail(
        f"{CHROMIUM} is missing. Install Debian's `chromium` package "
        "(`make browser` does it when it can: `sudo apt-get install chromium`)."
        + ("" if shutil.which("apt-get") else " This system has no apt-get; install Chromium at that path.")
    )


@pytest.fixture(scope="session")
def browser():
    from django.db import connections
    from playwright.sync_api import expect, sync_playwright

    executable = _chromium_path()
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    # Django keeps connections in an asgiref Local that switches to per-context storage while an
    # event loop runs in the thread, as Playwright's does from here on. Without this, the test
    # code would get a second connection to the same database, and pytest-django's flush and
    # serialized-rollback restore would go to one connection while the test reads the other.
    held = {alias: connections[alias] for alias in connections}
    with sync_playwright() as playwright:
        for alias, connection in held.items():
            connections[alias] = connection
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def live_url(live_server, django_db_serialized_rollback):
    """The live server's address, with the migrated state restored for the test (see above)."""
    reset_sequences()
    return live_server.url


@pytest.fixture
def context(browser, live_url):
    context = browser.new_context(locale="ko-KR", base_url=live_url, timezone_id="Asia/Seoul")
    context.set_default_timeout(EXPECT_TIMEOUT_MS)
    yield context
    context.close()


# Every document (frames included) reports what the Content Security Policy blocked. The listener
# is injected by Playwright itself, which the page's policy does not govern.
CSP_VIOLATION_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__ieumCspViolation({
    page: document.location.href,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    where: `${event.sourceFile}:${event.lineNumber}`,
    sample: event.sample,
  });
}, true);
"""


def csp_watch(context, violations: list) -> None:
    """Record in ``violations`` whatever the site's policy blocks in any page of ``context``."""
    context.expose_function("__ieumCspViolation", lambda violation: violations.append(violation))
    context.add_init_script(CSP_VIOLATION_LISTENER)


@pytest.fixture(autouse=True)
def csp_violations(request):
    """Every browser test fails on a CSP violation, in the ``page`` fixture's context and in any
    context a test opens itself with ``browser.new_context``. The policy is the production one:
    the test settings import it from ``intranet.settings.security`` unchanged."""
    violations: list = []
    if "browser" not in request.fixturenames:
        yield violations
        return
    browser = request.getfixturevalue("browser")
    open_context = browser.new_context

    def new_context(**options):
        context = open_context(**options)
        csp_watch(context, violations)
        return context

    browser.new_context = new_context
    try:
        yield violations
    finally:
        del browser.new_context
    assert not violations, "Content Security Policy violations:\n" + "\n".join(map(str, violations))


@pytest.fixture
def page(context):
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    if not page.is_closed():
        page.evaluate("() => new Promise((resolve) => setTimeout(resolve, 50))")  # let reports arrive
    assert not errors, f"JavaScript errors on the page: {errors}"


@pytest.fixture
def login():
    """``login(page, user_or_staff)``: sign in through the real log-in form and land on ``/``."""
    from playwright.sync_api import expect

    from tests.factories import DEMO_PASSWORD

    def sign_in(page, user, *, password: str = DEMO_PASSWORD):
        user = getattr(user, "user", user)  # a Staff record or a User
        page.goto("/accounts/login/")
        page.get_by_test_id("login-username").fill(user.username)
        page.get_by_test_id("login-password").fill(password)
        page.get_by_test_id("login-submit").click()
        expect(page.get_by_test_id("logout")).to_be_attached()  # folded in the menu on a phone
        return page

    return sign_in


def axe_report(violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s) ({', '.join(AXE_TAGS)}):"]
    for violation in violations:
        lines.append(f"- {violation['id']} [{violation.get('impact')}]: {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    target {node['target']}: {node.get('failureSummary', '').strip()}")
            lines.append(f"      {node.get('html', '')[:200]}")
    return "\n".join(lines)


@pytest.fixture
def assert_no_axe_violations():
    """``assert_no_axe_violations(page, context=None)``: axe-core (WCAG 2.1 A/AA) finds nothing.

    axe is injected with ``page.evaluate``, which the site's CSP (no inline scripts) does not
    block, so the check runs on the page exactly as staff see it. ``context`` narrows the check
    (e.g. ``"main"``) for pages whose chrome is not ours, such as Wagtail's admin.
    """
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, context=None):
        options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        results = axe.run(page, context=context, options=options)
        violations = results.response["violations"]
        assert results.response["testEngine"]["name"] == "axe-core", "axe did not run on the page"
        assert not violations, f"{page.url}\n{axe_report(violations)}"
        return results

    return check
