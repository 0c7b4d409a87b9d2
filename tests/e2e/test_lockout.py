"""A stranger's guesses lock only the stranger's address (issue 12, point 5), in a real browser:
the stranger sees the Korean lock-out page; the owner, elsewhere, logs in and finds the notice."""

import pytest
from playwright.sync_api import expect

from intranet.directory.models import LockOut
from tests.factories import staff_with_login

pytestmark = pytest.mark.browser

PROXY, STRANGER, OWNER = "127.0.0.1", "192.168.7.66", "192.168.3.14"


def test_the_stranger_is_locked_out_and_the_owner_is_told(
    browser, context, page, live_url, login, settings, assert_no_axe_violations
):
    settings.TRUSTED_PROXIES = [PROXY]  # the live server sees the browser through "the proxy"
    director = staff_with_login(name="정국장", position="국장")

    page.set_extra_http_headers({"X-Forwarded-For": STRANGER})
    page.goto("/accounts/login/")
    for _ in range(5):
        page.get_by_test_id("login-username").fill(director.user.username)
        page.get_by_test_id("login-password").fill("guess")
        page.get_by_test_id("login-submit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("로그인 시도가 너무 많아 계정이 잠겼습니다")
    assert_no_axe_violations(page)
    assert LockOut.objects.get().ip_address == STRANGER

    owner_context = browser.new_context(
        locale="ko-KR",
        base_url=live_url,
        timezone_id="Asia/Seoul",
        extra_http_headers={"X-Forwarded-For": OWNER},
    )
    try:
        owner = owner_context.new_page()
        login(owner, director)
        owner.goto("/notifications/")
        notice = owner.get_by_test_id("notification-list").get_by_role("listitem").first
        expect(notice).to_contain_text("로그인 시도가 반복되어 계정이 잠겼습니다")
        expect(notice).to_contain_text(STRANGER)
        assert_no_axe_violations(owner)
    finally:
        owner_context.close()
