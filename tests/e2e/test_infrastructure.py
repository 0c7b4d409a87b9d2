"""The browser fixtures themselves: the axe check can fail, and a missing Chromium never skips."""

from pathlib import Path

import pytest

from tests.e2e import conftest


@pytest.mark.browser
def test_axe_check_reports_a_violation(browser, assert_no_axe_violations):
    page = browser.new_page()
    try:
        page.set_content('<html lang="ko"><body><main><img src="data:,"><h1>제목</h1></main></body></html>')
        with pytest.raises(AssertionError, match=r"image-alt .*Images must have alternative text"):
            assert_no_axe_violations(page)
    finally:
        page.close()


@pytest.mark.parametrize(("ci", "message"), [("1", "in CI"), ("", "Debian's `chromium` package")])
def test_missing_chromium_fails_and_never_skips(monkeypatch, ci, message):
    monkeypatch.setattr(conftest, "CHROMIUM", Path("/nonexistent/chromium"))
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match=message):
        conftest._chromium_path()
