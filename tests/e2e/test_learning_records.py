"""Browser journey of external learning: a staff member records a certificate with its evidence
(a wrong file type refused first), a learning admin approves it from the queue, and it shows on
the staff member's profile. axe-core on "my records", the form, the record, the queue, the profile
and the Wagtail admin list."""

import pytest
from playwright.sync_api import expect

from learning.records.models import ExternalRecord
from tests.factories import DepartmentFactory, staff_with_login

pytestmark = pytest.mark.browser


def test_certificate_with_evidence_is_approved_and_shows_on_the_profile(
    page, login, assert_no_axe_violations, tmp_path
):
    me = staff_with_login(name="김민수", department=DepartmentFactory(name="장병e음팀"))
    admin = staff_with_login(roles=["learning admin"], name="이서연")
    login(page, me)

    page.goto("/learning/records/")
    expect(page.get_by_test_id("my-records")).to_contain_text("아직 등록한 기록이 없습니다")
    assert_no_axe_violations(page)
    page.get_by_test_id("new-certificate").click()
    expect(page).to_have_url("/learning/records/new/certificate/")
    assert_no_axe_violations(page)

    bad = tmp_path / "합격증.exe"
    bad.write_bytes(b"MZ")
    page.get_by_label("자격증 이름").fill("정보보안기사")
    page.get_by_label("발급 기관").fill("한국인터넷진흥원")
    page.get_by_label("자격증 번호").fill("25-0042")
    page.get_by_label("취득일").fill("2025-06-27")
    page.get_by_label("인정 시간").fill("10")
    page.get_by_label("증빙 자료").set_input_files(str(bad))
    page.get_by_test_id("record-save").click()
    expect(page.locator(".field--error")).to_contain_text("근거 자료는 PDF")
    assert not ExternalRecord.objects.exists()
    assert_no_axe_violations(page)

    evidence = tmp_path / "합격증.pdf"
    evidence.write_bytes(b"%PDF-1.4\n%%EOF\n")
    page.get_by_label("증빙 자료").set_input_files(str(evidence))
    page.get_by_test_id("record-save").click()
    record = ExternalRecord.objects.get()
    expect(page).to_have_url(f"/learning/records/{record.pk}/")
    expect(page.get_by_test_id("record-status")).to_have_text("검토 대기")
    expect(page.get_by_test_id("evidence-link")).to_have_text("합격증.pdf")
    expect(page.get_by_test_id("record-history")).to_contain_text("김민수")
    assert_no_axe_violations(page)

    # The learning admin approves it from the queue.
    page.context.clear_cookies()
    login(page, admin)
    page.goto("/learning/records/review/")
    expect(page.get_by_test_id("queue-title")).to_have_text("정보보안기사")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="정보보안기사").click()
    with page.expect_download() as download:
        page.get_by_test_id("evidence-link").click()
    assert download.value.suggested_filename == "합격증.pdf"
    page.get_by_label("승인").check()
    page.get_by_test_id("review-save").click()
    expect(page).to_have_url("/learning/records/review/")
    expect(page.get_by_test_id("review-queue")).to_contain_text("검토할 기록이 없습니다")

    page.goto("/admin/snippets/learning_records/externalrecord/")
    expect(page.locator("main")).to_contain_text("정보보안기사")
    assert_no_axe_violations(page, context="main")

    # The owner sees it approved, with a notification, and on the profile.
    page.context.clear_cookies()
    login(page, me)
    page.goto(f"/learning/records/{record.pk}/")
    expect(page.get_by_test_id("record-status")).to_have_text("승인")
    expect(page.get_by_test_id("record-history")).to_contain_text("이서연")
    page.goto(me.get_absolute_url())
    section = page.get_by_test_id("section-learning_records.approved")
    expect(section.get_by_test_id("profile-record")).to_contain_text("정보보안기사")
    expect(section).to_contain_text("10")
    assert_no_axe_violations(page)
