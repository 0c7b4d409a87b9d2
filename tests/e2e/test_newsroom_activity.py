"""Browser journey of the PR log: an editor filters the table by year and channel, reads the
yearly counts, downloads the Excel file and records an activity; staff read the partnerships.
axe-core on the PR table, the PR form and the partnership page."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook
from playwright.sync_api import expect

from newsroom.activity.demo import PARTNERSHIPS, PR_2025
from newsroom.activity.models import Partnership, PrActivity
from tests.factories import DepartmentFactory, staff_with_login

pytestmark = pytest.mark.browser


@pytest.fixture
def log_2025():
    PrActivity.objects.bulk_create(
        PrActivity(date=day, channel=channel, title=title, reach=reach)
        for day, channel, title, reach in PR_2025
    )
    PrActivity.objects.create(date=dt.date(2024, 12, 1), channel="press_release", title="작년 보도자료")
    department = DepartmentFactory(name="홍보팀")
    Partnership.objects.bulk_create(
        Partnership(partner=p, kind=k, date=d, scope=s, department=department) for p, k, d, s in PARTNERSHIPS
    )


def test_editor_filters_the_pr_log_and_downloads_excel(
    page, login, assert_no_axe_violations, log_2025, tmp_path
):
    editor = staff_with_login(name="강하은", roles=["editor"])
    login(page, editor)
    page.goto("/newsroom/pr/")
    expect(page.get_by_test_id("pr-year-2025").get_by_test_id("pr-year-total")).to_have_text("16")
    expect(page.get_by_test_id("pr-year-2024").get_by_test_id("pr-year-total")).to_have_text("1")
    assert_no_axe_violations(page)

    filters = page.get_by_test_id("pr-filter")
    filters.get_by_label("연도").select_option(label="2025년")
    filters.get_by_label("매체").select_option(label="보도자료")
    page.get_by_test_id("pr-filter-submit").click()
    expect(page.get_by_test_id("pr-title")).to_have_count(5)
    expect(page.get_by_test_id("pr-table")).not_to_contain_text("작년 보도자료")
    assert_no_axe_violations(page)

    with page.expect_download() as info:
        page.get_by_test_id("pr-export").click()
    path = tmp_path / "pr.xlsx"
    info.value.save_as(path)
    rows = list(load_workbook(io.BytesIO(path.read_bytes())).active.iter_rows(values_only=True))
    assert len(rows) == 6 and {r[1] for r in rows[1:]} == {"보도자료"}

    # Record an activity; a wrong file type is refused in Korean first.
    page.get_by_test_id("pr-new").click()
    assert_no_axe_violations(page)
    bad = tmp_path / "악성.exe"
    bad.write_bytes(b"MZ")
    page.locator("#id_date").fill("2025-12-30")
    page.locator("#id_channel").select_option(label="기타")
    page.locator("#id_title").fill("연말 성과 공유회 사진 게시")
    page.locator("#id_files").set_input_files(str(bad))
    page.get_by_test_id("pr-save").click()
    expect(page.locator(".error")).to_contain_text("근거 자료는 PDF")
    good = tmp_path / "사진.png"
    good.write_bytes(b"\x89PNG\r\n")
    page.locator("#id_files").set_input_files(str(good))
    page.get_by_test_id("pr-save").click()
    expect(page.get_by_role("status")).to_contain_text("홍보 실적을 저장했습니다")
    assert PrActivity.objects.get(title="연말 성과 공유회 사진 게시").attachments.count() == 1


def test_staff_read_the_partnerships(page, login, assert_no_axe_violations, log_2025):
    login(page, staff_with_login(name="김민수"))
    page.goto("/newsroom/partnerships/")
    rows = page.get_by_test_id("partnership-row")
    expect(rows).to_have_count(5)
    expect(page.get_by_test_id("partnership-table")).to_contain_text("명지대학교")
    expect(page.get_by_test_id("partnership-table")).to_contain_text("한국전자통신연구원(ETRI)")
    expect(page.get_by_test_id("partnership-new")).to_have_count(0)
    assert_no_axe_violations(page)
    page.goto("/newsroom/pr/")
    expect(page.get_by_role("heading", name="이 화면을 볼 권한이 없습니다")).to_be_visible()
