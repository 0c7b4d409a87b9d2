"""The 2025 demo report, figure by figure, against the agency's report
(``../shared/context/agency-annual-report-2025.ko.md``, sections 5 and 7–9), computed from the
demo's records at two frozen dates (the demo is seeded relative to the day; 2025 stays 2025).
Then the page, its PDF and its DOCX say the same, and the PDF draws Korean glyphs."""

import datetime as dt
import io
import re
from decimal import Decimal
from html import unescape
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.auth.models import User
from django.core.management import call_command
from django.test import Client
from django.utils.html import strip_tags

from intranet.report import report_build
from intranet.report.text import report_text
from tests.db_state import kept_for_the_module

SEOUL = ZoneInfo("Asia/Seoul")
DATES = {
    "mid-2026": dt.datetime(2026, 6, 15, 14, 0, tzinfo=SEOUL),
    "january-2027": dt.datetime(2027, 1, 6, 9, 30, tzinfo=SEOUL),
}


@pytest.fixture(scope="module", params=list(DATES), ids=list(DATES))
def seeded(request, django_db_setup, django_db_blocker):
    moment = DATES[request.param]
    with time_machine.travel(moment, tick=True), kept_for_the_module(django_db_blocker):
        call_command("seed_demo", stdout=io.StringIO())
        yield moment


@pytest.fixture
def demo(seeded, db):
    with time_machine.travel(seeded, tick=True):
        yield seeded


def values(year: int) -> dict:
    report = report_build(year=year)
    return {line.figure.key: line for line in report.lines}


# (figure key, value, previous or None): the agency report's own words in the comments.
REPORT_2025 = [
    # 7) "REAL Summit 2025, K-AI Paas Summit 2025 등 신기술 분야 컨퍼런스·세미나 참석(16회)"
    ("learning.conferences", 16, None),
    # 7) "「부처 맞춤 국방 정보화 담당자 전문교육 과정」을 운영하여 총 22명 수강생 수료"
    ("learning.specialised", 22, None),
    # 8) "전년도 개선 요구사항 반영 과제 18개, … 신규 발굴 과제 7개를 포함하여 총 40개"
    ("performance.programmes", 40, None),
    ("performance.feedback", 18, None),
    ("performance.proposal", 7, None),
    # 8) "상반기 성과분석 회의"
    ("performance.midyear", 1, None),
    # 8) "성과관리·법률·정보화 3개 영역으로 재구성"
    ("advisory.domains", 3, None),
    # 9) "기관장 주도 소통하는 조직문화를 위한 「국장님, DM 왔습니다」 인터뷰 진행": the report gives
    # no count; the demo's 2025 episodes (two, four questions) are dated in 2025.
    ("interviews.episodes", 2, None),
    ("interviews.questions", 4, None),
    # 9) "카드뉴스 발행 (매월)"
    ("newsroom.card_news", 12, None),
    # 9) "홍보매체를 통한 기관 활동 및 성과 적극 홍보 (16회)"
    ("newsroom.pr", 16, None),
    # 9) "명지대학교, ETRI와 업무협약(MOU) 체결"
    ("newsroom.mou", 2, None),
    # 9) "한국사회보장정보원, 국군재정단, 국방통합데이터센터 등 유관기관 교류"
    ("newsroom.exchange", 3, None),
    # 9) "내부직원 만족도 향상 ('24) 86.23점 → ('25) 86.4점 (리더십 만족도 1위)"
    ("surveys.overall:내부직원 만족도 조사", 86.4, 86.23),
    ("surveys.first_area:내부직원 만족도 조사", "리더십", None),
    # 5) "'25년 정보체계 자체 만족도 조사결과 전년 대비 향상(9.2점)": the system users' survey of
    # 2025 (12,575 respondents) against 2024's (2,278), from the results engine.
    ("surveys.overall:정보체계 이용자 만족도 조사", 85.6, 76.4),
]


def test_2025_report_figure_by_figure(demo):
    lines = values(2025)
    for key, value, previous in REPORT_2025:
        assert key in lines, key
        line = lines[key]
        got = line.figure.value
        if isinstance(value, float):
            assert Decimal(str(got)) == Decimal(str(value)), key
        else:
            assert got == value, (key, got)
        if previous is not None:
            assert Decimal(str(line.previous)) == Decimal(str(previous)), key
            assert line.improved, key  # ★
    # The named conferences and partners behind the counts.
    assert "REAL Summit 2025" in lines["learning.conferences"].figure.detail
    assert lines["newsroom.mou"].figure.detail == "명지대학교, 한국전자통신연구원(ETRI)"
    assert set(lines["advisory.domains"].figure.detail.split("·")) == {"성과관리", "법률", "IT"}
    system = lines["surveys.overall:정보체계 이용자 만족도 조사"]
    assert system.figure.section == "results"
    assert str(system.figure.detail) == "전년 대비 9.2점 향상"
    assert "surveys.first_area:정보체계 이용자 만족도 조사" not in lines
    # Contest awards: the decided contest's awarded programmes.
    assert lines["performance.awards"].figure.value > 0


# 5) and the other IT sections: the programmes' indicators, baseline → result ('24 → '25).
KPIS_2025 = [
    ("만족도 조사 표본 수", 2278, 12575),  # 5) "표본 수 : ('24) 2,278명 → ('25) 12,575명"
    ("전산장비 지원 서비스 만족도", Decimal("93.01"), Decimal("95.8")),  # 5) "('24) 93.01점 → ('25) 95.80점"
    ("이용자 만족도", Decimal("74.7"), Decimal("87.8")),  # 4) "('24) 74.7점 → ('25) 87.8점"
    ("보안·사이버보안 평가 점수", Decimal("90.7"), Decimal("92.7")),  # 6) "('24) 90.7점 → ('25) 92.7점"
]


def test_2025_indicators_as_the_report_writes_them(demo):
    report = report_build(year=2025)
    by_label = {str(line.figure.label): line for line in report.lines if line.figure.section == "results"}
    for label, before, after in KPIS_2025:
        line = by_label[label]
        assert line.previous == before and line.figure.value == after
        assert line.improved
    text = {t.label: t for s in report_text(report) for t in s.lines}
    assert text["만족도 조사 표본 수"].change == "('24) 2,278명 → ('25) 12,575명"
    assert text["전산장비 지원 서비스 만족도"].text.startswith("★ 전산장비 지원 서비스 만족도: 95.8점")
    assert text["내부직원 만족도 조사 종합 점수"].change == "('24) 86.23점 → ('25) 86.4점"


def test_2024_report_and_years_with_data(demo):
    from intranet.report import report_years_with_data

    years = report_years_with_data()
    assert {2024, 2025, demo.year} <= set(years)
    lines = values(2024)
    assert lines["surveys.overall:내부직원 만족도 조사"].figure.value == 86.23
    assert "performance.programmes" not in lines  # the demo has no 2024 plan
    assert lines["surveys.overall:정보체계 이용자 만족도 조사"].figure.value == 76.4
    # The living year keeps its own episodes, published the day the demo is seeded.
    assert values(demo.year)["interviews.episodes"].figure.value == 2


def _page_lines(html: str) -> list[str]:
    """The report's lines as the page shows them (figures, details, narrative), whitespace
    normalised."""
    body = html.split('data-testid="report-intro"', 1)[1]
    items = re.findall(r'<li data-testid="report-line">(.*?)(?:<ul>|</li>)', body, flags=re.S)
    return [" ".join(unescape(strip_tags(item)).split()) for item in items]


def log_in(username):
    client = Client()
    client.force_login(User.objects.get(username=username))
    return client


def test_export_equals_page(demo):
    from docx import Document

    pdfium = pytest.importorskip("pypdfium2")

    client = log_in("planner")
    page = client.get("/performance/report/2025/")
    assert page.status_code == 200
    shown = _page_lines(page.content.decode())
    expected = [t.text for s in report_text(report_build(year=2025)) for t in s.lines]
    assert shown == [" ".join(line.split()) for line in expected]
    assert any(line.startswith("★ ") for line in shown)

    pdf = client.get("/performance/report/2025/report.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    document = pdfium.PdfDocument(pdf.content)
    pdf_text = "".join(page.get_textpage().get_text_range() for page in document)
    document.close()
    # Lines wrap in the PDF: compare without any whitespace.
    flat_pdf = re.sub(r"\s+", "", pdf_text)
    docx = client.get("/performance/report/2025/report.docx")
    document = Document(io.BytesIO(docx.content))
    docx_lines = [" ".join(p.text.split()) for p in document.paragraphs]
    for line in shown:
        assert line in docx_lines, line
        assert re.sub(r"\s+", "", line) in flat_pdf, line
    # Nothing in the exports that the page does not say (headings, intro, lines, details).
    page_text = " ".join(unescape(strip_tags(page.content.decode())).split())
    for paragraph in docx_lines:
        if paragraph:
            assert paragraph.lstrip("* ") in page_text, paragraph


def test_pdf_draws_korean_glyphs(demo):
    """Render the PDF's first page and check the Korean title is drawn, not blank boxes: the page
    has ink where the title is, and the text layer maps back to Hangul."""
    pdfium = pytest.importorskip("pypdfium2")
    client = log_in("planner")
    data = client.get("/performance/report/2025/report.pdf").content
    document = pdfium.PdfDocument(data)
    page = document[0]
    text = page.get_textpage().get_text_range()
    assert "2025년 연간 성과보고서" in text
    image = page.render(scale=2).to_pil().convert("L")
    width, height = image.size
    title_band = image.crop((0, 0, width, int(height * 0.08)))
    dark = sum(title_band.histogram()[:128])
    assert dark > 500  # the title's strokes, not an empty band
    document.close()
    # The embedded font is Noto Sans KR (shipped with pylopdf_fonts_ko), not a fallback.
    assert b"NotoSansKR" in data
