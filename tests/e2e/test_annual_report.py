"""Browser journey of the annual report (issue 17), axe-core on each page it passes: a planner
opens the 2025 report, sees the ★ change against 2024, follows a figure to the records behind it
(the PR log filtered to 2025), compares the years and downloads the PDF and the DOCX."""

import datetime as dt
import io

import pytest
from playwright.sync_api import expect

from intranet.models import ReportNarrative
from newsroom.activity.models import PrActivity
from tests.factories import staff_with_login

pytestmark = pytest.mark.browser


@pytest.fixture
def records():
    for day in range(1, 17):
        PrActivity.objects.create(
            date=dt.date(2025, 1 + day % 12, day), channel="press_release", title=f"보도 {day}"
        )
    for day in range(1, 11):
        PrActivity.objects.create(date=dt.date(2024, 3, day), channel="broadcast", title=f"지난해 보도 {day}")
    ReportNarrative.objects.create(
        year=2025, section="communication", heading="소통", body="기관장과 직원이 함께한 한 해였습니다."
    )


def test_planner_reads_follows_a_figure_compares_and_exports(
    page, login, assert_no_axe_violations, records, tmp_path
):
    # A planner who also edits the newsroom: the PR log behind the figure is the editors'.
    login(page, staff_with_login(roles=["planner", "editor"], name="박성과"))
    page.goto("/performance/report/2025/")
    expect(page.get_by_test_id("report-title")).to_have_text("2025년 연간 성과보고서")
    section = page.get_by_test_id("report-section-communication")
    line = section.get_by_test_id("report-line").filter(has_text="홍보매체")
    expect(line).to_contain_text("★")
    expect(line).to_contain_text("('24) 10회 → ('25) 16회")
    expect(section.get_by_test_id("report-narrative")).to_contain_text("기관장과 직원이 함께한 한 해")
    assert_no_axe_violations(page)

    line.get_by_role("link").click()
    assert page.url.endswith("/newsroom/pr/?year=2025")
    expect(page.get_by_test_id("pr-table").get_by_test_id("pr-title")).to_have_count(16)
    page.go_back()

    page.get_by_test_id("report-compare").click()
    table = page.get_by_test_id("compare-table")
    expect(table.locator("tr").filter(has_text="홍보매체")).to_contain_text("10회")
    expect(table.locator("tr").filter(has_text="홍보매체")).to_contain_text("16회")
    assert_no_axe_violations(page)
    page.go_back()

    with page.expect_download() as info:
        page.get_by_test_id("report-pdf").click()
    pdf = tmp_path / "report.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    with page.expect_download() as info:
        page.get_by_test_id("report-docx").click()
    from docx import Document

    document = Document(io.BytesIO(info.value.path().read_bytes()))
    assert any("16회" in p.text and "★" in p.text for p in document.paragraphs)
