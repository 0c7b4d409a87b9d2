"""Each module's part of the annual report on its own (``intranet.registry.annual_figures``), then
the core's frame: the year-over-year change and its ★, the narrative beside the figures (never
over them), bad input, and the comparison view."""

import datetime as dt
from decimal import Decimal
from html import unescape

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from intranet.models import ReportNarrative
from intranet.registry import Figure, Panel, annual_figures
from intranet.report import report_build, report_compare
from intranet.report.text import change_text, report_text, value_text
from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db


def figures(key: str, year: int = 2025) -> dict:
    context = annual_figures.panels[key].provider(year) or {"figures": []}
    return {f.key: f for f in context["figures"]}


def test_learning_courses_and_specialised_graduates():
    from learning.models import Category, Completion, Enrolment
    from tests.learning.builders import build_course, build_session

    build_course(title="AI 특강", category=Category.EXPERT_LECTURE)
    special = build_course(title="전문교육", category=Category.SPECIALISED)
    session = build_session(special)
    for n in range(3):
        person = StaffFactory()
        enrolment = Enrolment.objects.create(
            session=session, staff=person, state="completed", queue_number=n + 1
        )
        Completion.objects.create(
            enrolment=enrolment,
            staff=person,
            course=special,
            session=session,
            hours=Decimal("8"),
            completed_on=dt.date(2025, 11, 20),
            code=f"C-{n}",
        )
    got = figures("learning.figures")
    assert got["learning.courses"].value == 2 and got["learning.expert"].value == 1
    assert got["learning.specialised"].value == 3
    assert got["learning.specialised"].url == "/learning/review/?year=2025"
    assert "learning.new" not in got  # no 2024 catalogue to be new against
    assert figures("learning.figures", 2024)["learning.specialised"].value == 0


def test_external_learning_counts_approved_records_of_the_year():
    from tests.learning.records.builders import approved, certificate_input, conference_input, submitted

    approved(data=conference_input())
    approved(data=conference_input(title="K-AI PaaS Summit 2025", hours=Decimal("7")))
    approved(data=conference_input())  # a second person at REAL Summit: one conference, two attendances
    submitted(data=conference_input(title="검토 중인 세미나"))  # not approved: not counted
    approved(data=certificate_input())
    approved(data=conference_input(start_date=dt.date(2024, 5, 1), end_date=dt.date(2024, 5, 1)))
    got = figures("learning_records.figures")
    assert got["learning.conferences"].value == 2
    assert got["learning.conference_attendances"].value == 3
    assert got["learning.certificates"].value == 1
    assert got["learning.conferences"].detail == "REAL Summit 2025, K-AI PaaS Summit 2025 등"
    assert got["learning.conferences"].url == "/learning/records/year/?year=2025&kind=conference"
    assert figures("learning_records.figures", 2024)["learning.conferences"].value == 1


def test_study_clubs_meetings_entries_awards():
    from tests.learning.clubs.builders import build_club

    build_club(meetings=2, entries=1)
    build_club(name="클라우드 연구회", meetings=1)
    got = figures("learning_clubs.figures")
    assert (got["clubs.active"].value, got["clubs.entries"].value, got["clubs.awards"].value) == (2, 1, 1)
    assert figures("learning_clubs.figures", 2024)["clubs.active"].value == 0


def test_performance_plan_by_origin_and_indicators():
    from performance.models import Programme
    from tests.performance.builders import build_plan, build_programme, kpi

    assert annual_figures.panels["performance.figures"].provider(2025) is None  # no plan, no section
    plan = build_plan(2025)
    Origin = Programme.Origin
    build_programme(
        plan, code="F1", origin=Origin.FEEDBACK, kpis=[kpi(baseline=74.7, target=85, actual=87.8)]
    )
    build_programme(plan, code="F2", origin=Origin.FEEDBACK)
    build_programme(
        plan, code="N1", origin=Origin.OTHER, kpis=[kpi(name="오탐률", baseline=54, target=5, actual=1)]
    )
    Programme.objects.filter(code="N1").update(
        origin=Origin.PROPOSAL
    )  # the proposal behind it is not the point
    build_programme(plan, code="C1", origin=Origin.ONGOING, kpis=[kpi(name="미보고", actual=None)])
    got = figures("performance.figures")
    assert got["performance.programmes"].value == 4
    assert got["performance.feedback"].value == 2 and got["performance.proposal"].value == 1
    assert got["performance.feedback"].url == "/performance/?year=2025&origin=feedback"
    indicators = [f for f in got.values() if f.section == "results"]
    assert sorted(str(f.label) for f in indicators) == ["오탐률", "이용자 만족도"]  # reported ones only
    falling = next(f for f in indicators if f.label == "오탐률")
    assert falling.previous == 54 and falling.value == 1 and not falling.higher_is_better


def test_advisory_figures_are_report_figures():
    from tests.advisory import builders

    secretary = builders.secretary()
    builders.committee(secretary, n=3)
    builders.meeting(secretary)
    got = figures("advisory.figures")
    assert got["advisory.meetings"].value == 1
    assert got["advisory.members"].value == 3
    assert got["advisory.domains"].section == "performance"
    assert annual_figures.panels["advisory.figures"].provider(2019) is None


def test_newsroom_card_news_pr_and_partnerships():
    from newsroom.activity.models import Partnership, PrActivity
    from tests.newsroom import builders

    builders.issue(month=1, cards=1)
    builders.issue(month=2, cards=1)
    for day in (5, 6, 7):
        PrActivity.objects.create(date=dt.date(2025, 5, day), channel="press_release", title=f"보도 {day}")
    PrActivity.objects.create(date=dt.date(2024, 5, 1), channel="broadcast", title="지난해 보도")
    department = DepartmentFactory()
    Partnership.objects.create(
        partner="명지대학교", kind="mou", date=dt.date(2025, 6, 18), scope="-", department=department
    )
    Partnership.objects.create(
        partner="국군재정단", kind="exchange", date=dt.date(2025, 7, 3), scope="-", department=department
    )
    news = figures("newsroom.figures")
    assert news["newsroom.card_news"].value == 2
    assert news["newsroom.card_news"].url == "/newsroom/card-news/2025/"
    activity = figures("newsroom_activity.figures")
    assert activity["newsroom.pr"].value == 3 and activity["newsroom.pr"].url == "/newsroom/pr/?year=2025"
    assert activity["newsroom.mou"].value == 1 and activity["newsroom.mou"].detail == "명지대학교"
    assert activity["newsroom.exchange"].detail == "국군재정단"
    assert figures("newsroom_activity.figures", 2024)["newsroom.pr"].value == 1


def test_interviews_count_published_episodes_of_the_year():
    got = figures("newsroom_interviews.figures")
    assert got["interviews.episodes"].value == 0


def test_surveys_overall_score_with_previous_and_first_area(monkeypatch):
    from intranet.surveys import results
    from intranet.surveys.models import Survey
    from tests.surveys.builders import build_survey

    closed = Survey.Status.CLOSED
    before = build_survey(title="2024년 내부직원 만족도 조사", year=2024, status=closed)
    now = build_survey(title="2025년 내부직원 만족도 조사", year=2025, status=closed, previous=before)
    build_survey(title="2025년 수시 설문", year=2025, status=Survey.Status.OPEN)  # open: not reported
    scores = {
        before.pk: {"overall": {"score": 86.23}, "areas": []},
        now.pk: {
            "overall": {"score": 86.4},
            "areas": [{"name": "리더십", "rank": 1}, {"name": "소통", "rank": 2}],
        },
    }
    monkeypatch.setattr(results, "survey_results", lambda *, survey: scores[survey.pk])
    got = figures("surveys.figures")
    overall = got["surveys.overall:내부직원 만족도 조사"]
    assert (overall.value, overall.previous) == (86.4, 86.23)
    assert got["surveys.first_area:내부직원 만족도 조사"].value == "리더십"
    assert overall.url == f"/surveys/{now.pk}/results/"
    scores[now.pk] = {"overall": {"suppressed": True}, "areas": []}
    assert figures("surveys.figures") == {}  # a suppressed result is not reported


def test_external_survey_in_the_results_section_with_its_rise(monkeypatch):
    """The system users' survey (external respondents) is a section-5 figure: its overall score,
    last year's, and the change in the agency report's words; no area ranking."""
    from intranet.surveys import results
    from intranet.surveys.models import Survey
    from tests.surveys.builders import build_survey

    closed = Survey.Status.CLOSED
    external = {"audience_all": False, "audience_external": True, "status": closed}
    before = build_survey(title="2024년 정보체계 이용자 만족도 조사", year=2024, **external)
    now = build_survey(title="2025년 정보체계 이용자 만족도 조사", year=2025, previous=before, **external)
    build_survey(title="2025년 부서 설문", year=2025, audience_all=False, status=closed)  # neither
    scores = {
        before.pk: {"overall": {"score": 76.4}, "areas": []},
        now.pk: {"overall": {"score": 85.6}, "areas": [{"name": "시스템 품질", "rank": 1}]},
    }
    monkeypatch.setattr(results, "survey_results", lambda *, survey: scores[survey.pk])
    got = figures("surveys.figures")
    assert set(got) == {"surveys.overall:정보체계 이용자 만족도 조사"}
    overall = got["surveys.overall:정보체계 이용자 만족도 조사"]
    assert (overall.section, overall.value, overall.previous) == ("results", 85.6, 76.4)
    assert str(overall.detail) == "전년 대비 9.2점 향상"
    scores[now.pk] = {"overall": {"score": 70.15}, "areas": []}
    assert str(figures("surveys.figures")["surveys.overall:정보체계 이용자 만족도 조사"].detail) == (
        "전년 대비 6.25점 하락"
    )


# --- the frame ---------------------------------------------------------------------------------


@pytest.fixture
def toy_figures():
    """A module of the test's own, to check the frame without any real module's data."""
    values = {
        2024: {"a": 10, "b": Decimal("5.0"), "c": "리더십"},
        2025: {"a": 16, "b": Decimal("4.5"), "c": "소통"},
    }

    def provider(year):
        v = values.get(year)
        if v is None:
            return None
        return {
            "figures": [
                Figure("toy.a", "competence", "참석", v["a"], "회", f"/x/?year={year}", order=1),
                Figure("toy.b", "results", "오탐률", v["b"], "%", higher_is_better=False, order=1),
                Figure("toy.c", "communication", "1위 영역", v["c"], order=1),
                Figure("toy.d", "performance", "지표", Decimal("95.80"), "점", previous=Decimal("93.01")),
            ]
        }

    annual_figures.register(Panel(key="toy", title="toy", template="", provider=provider, order=999))
    yield values
    del annual_figures.panels["toy"]


def test_year_over_year_change_and_star(toy_figures):
    report = report_build(year=2025)
    lines = {line.figure.key: line for line in report.lines}
    assert lines["toy.a"].improved and lines["toy.a"].previous == 10
    assert lines["toy.b"].improved  # lower is better, 5.0 → 4.5
    assert not lines["toy.c"].improved  # text has no direction
    assert change_text(lines["toy.a"], 2025) == "('24) 10회 → ('25) 16회"
    assert change_text(lines["toy.d"], 2025) == "('24) 93.01점 → ('25) 95.8점"
    assert change_text(lines["toy.c"], 2025) == ""
    text = {t.label: t.text for s in report_text(report) for t in s.lines}
    assert text["참석"] == "★ 참석: 16회 ('24) 10회 → ('25) 16회"
    toy_figures[2025]["a"] = 9
    assert not {ln.figure.key: ln for ln in report_build(year=2025).lines}["toy.a"].improved
    # 2024 has no 2023 to compare with: no change, no star.
    assert not any(line.improved for line in report_build(year=2024).lines if line.figure.key != "toy.d")


def test_values_the_korean_way():
    assert value_text(12575, "명") == "12,575명"
    assert value_text(Decimal("86.40"), "점") == "86.4점"
    assert value_text(Decimal("12575.00"), "명") == "12,575명"
    assert value_text(86.23, "점") == "86.23점"
    assert value_text(None) == "–"


def test_narrative_sits_beside_figures_and_cannot_replace_them(toy_figures):
    ReportNarrative.objects.create(
        year=2025, section="competence", heading="직원 역량", body="첫 문단\n\n참석 99회"
    )
    report = report_build(year=2025)
    section = next(s for s in report_text(report) if s.key == "competence")
    assert section.narratives == [("직원 역량", "첫 문단\n참석 99회", None)]
    assert next(t for t in section.lines if t.label == "참석").value == "16회"  # the records' figure stays
    with pytest.raises(ValidationError) as error:
        ReportNarrative(year=2025, section="competence", body="x", image_id=1).full_clean()
    assert "사진 설명" in str(error.value)
    with pytest.raises(ValidationError):
        ReportNarrative(year=1900, section="competence", body="x").full_clean()


def test_pdf_of_the_same_text_is_drawn_once(toy_figures, monkeypatch):
    """The PDF is drawn again only when what it says changes (a figure, a narrative)."""
    import uuid

    from intranet.report import export

    drawn, draw = [], export._report_pdf_draw

    def counted(year, sections):
        drawn.append(year)
        return draw(year, sections)

    monkeypatch.setattr(export, "_report_pdf_draw", counted)
    ReportNarrative.objects.create(year=2025, section="competence", body=f"캐시 시험 {uuid.uuid4()}")
    first = export.report_pdf(report_build(year=2025))
    assert export.report_pdf(report_build(year=2025)) == first
    assert drawn == [2025]
    toy_figures[2025]["a"] = 17  # a figure changes: a new PDF
    assert export.report_pdf(report_build(year=2025)) != first
    assert drawn == [2025, 2025]


def test_compare_rows_align_by_key(toy_figures):
    rows = {r.key: r for r in report_compare(years=[2023, 2024, 2025])}
    assert rows["toy.a"].values == [None, 10, 16]


def test_compare_page_bad_input_in_korean(login_as, toy_figures):
    client = login_as("planner")
    page = client.get("/performance/report/compare/?years=2024,abc").content.decode()
    assert "쉼표로 나눈 네 자리 연도" in page
    page = client.get("/performance/report/compare/?years=2024,2025").content.decode()
    assert 'data-testid="compare-table"' in page and "16회" in page and "10회" in page
    assert client.get("/performance/report/99999/").status_code == 404


def test_page_marks_star_and_links_records(login_as, toy_figures):
    page = login_as("leader").get("/performance/report/2025/").content.decode()
    assert '<a href="/x/?year=2025">참석</a>' in page
    assert "★" in page and "('24) 10회 → ('25) 16회" in unescape(page)


@pytest.mark.parametrize("today", [dt.date(2026, 1, 2), dt.date(2026, 12, 30)])
def test_latest_goes_to_the_latest_year_with_data(login_as, toy_figures, today):
    import time_machine

    with time_machine.travel(dt.datetime.combine(today, dt.time(9), tzinfo=timezone.get_current_timezone())):
        response = login_as("planner").get("/performance/report/")
    # The current year is always offered (its report so far); it is the default.
    assert response["Location"] == f"/performance/report/{today.year}/"


def test_links_only_where_the_reader_may_open_the_records(login_as):
    from newsroom.activity.models import PrActivity

    PrActivity.objects.create(date=dt.date(2025, 5, 8), channel="broadcast", title="보도")
    planner_page = login_as("planner").get("/performance/report/2025/").content.decode()
    editor_page = login_as("planner", "editor").get("/performance/report/2025/").content.decode()
    link = '<a href="/newsroom/pr/?year=2025">'
    assert link not in planner_page and "홍보매체를 통한 기관 활동·성과 홍보" in planner_page
    assert link in editor_page


def test_records_of_the_year_behind_the_conference_count(login_as):
    from tests.learning.records.builders import approved, certificate_input, conference_input, submitted

    approved(data=conference_input())
    approved(data=certificate_input())
    submitted(data=conference_input(title="검토 중"))
    client = login_as("planner")
    page = client.get("/learning/records/year/?year=2025&kind=conference").content.decode()
    assert "REAL Summit 2025" in page and "정보보안기사" not in page and "검토 중" not in page
    assert 'data-testid="records-year-count">1건' in page
    page = client.get("/learning/records/year/?year=2025&kind=course").content.decode()
    assert "컨퍼런스·세미나(conference) 또는 자격증(certificate)만" in page
    assert "REAL Summit 2025" in page and "정보보안기사" in page  # the bad kind is dropped, not the year
