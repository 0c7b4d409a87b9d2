import pytest
from playwright.sync_api import expect

from intranet.home.models import Notification
from intranet.home.services import notification_send
from tests.factories import staff_with_login

pytestmark = pytest.mark.browser


def test_bell_count_list_and_mark_all_read(page, login, assert_no_axe_violations):
    me = staff_with_login(name="김민수")
    other = staff_with_login(name="이영희")
    notification_send(
        recipient=me, key="test:course:1", title="교육 신청이 승인되었습니다", url="/directory/"
    )
    notification_send(recipient=me, key="test:survey:1", title="설문에 참여해 주세요", body="마감 3. 14.")
    notification_send(recipient=me, key="test:survey:1", title="설문에 참여해 주세요")  # same event again
    notification_send(recipient=other, key="test:course:1", title="다른 사람의 알림")

    login(page, me)
    bell = page.get_by_test_id("notification-bell")
    expect(page.get_by_test_id("unread-count")).to_have_text("2")
    expect(bell).to_contain_text("읽지 않은 알림 2건")
    bell.click()
    expect(page).to_have_url("/notifications/")
    items = page.get_by_test_id("notification-list").get_by_role("listitem")
    expect(items).to_have_count(2)
    expect(items.get_by_role("link")).to_have_text(["설문에 참여해 주세요", "교육 신청이 승인되었습니다"])
    expect(items.filter(has_text="새 알림")).to_have_count(2)
    assert_no_axe_violations(page)

    page.get_by_test_id("mark-all-read").click()
    expect(page.get_by_role("status")).to_have_text("알림을 읽음으로 표시했습니다.")
    expect(page.get_by_test_id("unread-count")).to_have_text("0")
    expect(items.filter(has_text="새 알림")).to_have_count(0)
    assert_no_axe_violations(page)
    assert not Notification.objects.filter(recipient=me, read_at__isnull=True).exists()
    assert Notification.objects.filter(recipient=other, read_at__isnull=True).count() == 1
