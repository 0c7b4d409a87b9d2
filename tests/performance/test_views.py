"""The plan page (/performance/): figures, table filters and sorting, Excel export, query budget."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from performance.models import KPI, Milestone, Plan, Programme
from performance.services import MilestoneInput, progress_update_post
from tests.factories import DepartmentFactory, StaffFactory
from tests.performance.builders import build_plan, build_programme

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def milestones_this_year():
    """One milestone due on 1 January (overdue unless done), one on 31 December."""
    return [
        MilestoneInput("착수 보고", dt.date(YEAR, 1, 1), 50),
        MilestoneInput("완료 보고", dt.date(YEAR, 12, 31), 50),
    ]


@pytest.fixture
def plan_with_three():
    plan = build_plan(YEAR)
    it, hr = DepartmentFactory(name="정보화팀"), DepartmentFactory(name="인사팀")
    owner = StaffFactory(name="김담당", department=it)
    first = build_programme(
        plan,
        code="P-01",
        owner=owner,
        department=it,
        origin=Programme.Origin.FEEDBACK,
        milestones=milestones_this_year(),
    )
    second = build_programme(
        plan, code="P-02", department=hr, origin=Programme.Origin.ONGOING, milestones=milestones_this_year()
    )
    third = build_programme(
        plan, code="P-03", department=hr, origin=Programme.Origin.FEEDBACK, milestones=milestones_this_year()
    )
    progress_update_post(
        programme=first, author=owner, milestones_done=[first.milestones.first().pk], comment="착수"
    )
    return plan, first, second, third


def test_plan_page_shows_counts_by_origin_overall_status_and_departments(login_as, plan_with_three):
    client = login_as()
    page = client.get("/performance/").content.decode()
    # The line says what each count is (it was a bare "2 / 0 / 1").
    assert 'data-testid="origin-summary">전년도 평가 환류 2개 · 직원 제안 0개 · 계속 추진 1개</p>' in page
    assert "16.7%" in page  # overall: (50 + 0 + 0) / 3
    assert ">정보화팀</a></th><td>1</td><td>50.0%" in page
    assert '<svg xmlns="http://www.w3.org/2000/svg" id="performance-departments" role="img"' in page
    assert 'href="/performance/"' in page and "성과" in page  # the nav item
    assert page.count('data-testid="programme-title"') == 3


@pytest.mark.parametrize(
    ("query", "codes"),
    [
        ("origin=feedback", ["P-01", "P-03"]),
        ("origin=ongoing", ["P-02"]),
        ("status=on_track", ["P-01"]),
        ("status=delayed&origin=feedback", ["P-03"]),
        ("origin=nonsense", ["P-01", "P-02", "P-03"]),  # an unknown value is ignored
    ],
)
def test_table_filters(login_as, plan_with_three, query, codes):
    page = login_as().get(f"/performance/?{query}").content.decode()
    assert [c for c in ("P-01", "P-02", "P-03") if f">{c}</a>" in page] == codes


def test_table_filters_by_department_and_owner(login_as, plan_with_three):
    _plan, first, second, _third = plan_with_three
    client = login_as()
    page = client.get(f"/performance/?department={second.department_id}").content.decode()
    assert ">P-02</a>" in page and ">P-03</a>" in page and ">P-01</a>" not in page
    page = client.get(f"/performance/?owner={first.owner.employee_number}").content.decode()
    assert ">P-01</a>" in page and ">P-02</a>" not in page


def test_table_sorts_by_computed_percent(login_as, plan_with_three):
    page = login_as().get("/performance/?sort=-percent").content.decode()
    assert page.index(">P-01</a>") < page.index(">P-02</a>")
    page = login_as().get("/performance/?sort=percent").content.decode()
    assert page.index(">P-02</a>") < page.index(">P-01</a>")


def test_excel_export_has_the_filtered_rows_with_numbers(login_as, plan_with_three):
    response = login_as().get("/performance/export.xlsx?origin=feedback&sort=-percent")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:2] == ("과제코드", "과제명")
    assert [(r[0], r[5], r[6]) for r in rows[1:]] == [("P-01", 50.0, "정상 추진"), ("P-03", 0.0, "지연")]


def test_no_plan_yet_says_so(login_as):
    page = login_as().get("/performance/").content.decode()
    assert 'data-testid="no-plan"' in page
    assert login_as().get("/performance/export.xlsx").status_code == 404


def bulk_plan(count: int, year: int) -> Plan:
    """``count`` programmes with 10 milestones and 2 KPIs each, written in bulk."""
    plan = Plan.objects.create(year=year, title=f"{year}년 계획")
    departments = [DepartmentFactory() for _ in range(4)]
    owners = [StaffFactory(department=d) for d in departments]
    Programme.objects.bulk_create(
        Programme(
            plan=plan,
            code=f"P{i:04d}",
            title=f"과제 {i}",
            origin=Programme.Origin.values[i % 3],
            department=departments[i % 4],
            owner=owners[i % 4],
        )
        for i in range(count)
    )
    programmes = list(Programme.objects.filter(plan=plan))
    Milestone.objects.bulk_create(
        Milestone(programme=p, title=f"일정 {m}", due_date=dt.date(year, m + 1, 15), weight=10, done_on=None)
        for p in programmes
        for m in range(10)
    )
    KPI.objects.bulk_create(KPI(programme=p, name="지표", baseline=0, target=10) for p in programmes)
    return plan


def _queries(client, url) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_plan_page_and_export_make_the_same_queries_at_40_and_400(login_as):
    client = login_as()
    urls = [
        "/performance/",
        "/performance/?origin=feedback&status=delayed&sort=-percent&page=2",
        "/performance/export.xlsx?origin=feedback",
    ]
    bulk_plan(40, YEAR - 1)
    small = [_queries(client, url) for url in urls]
    bulk_plan(400, YEAR)
    large = [_queries(client, url) for url in urls]
    assert small == large, (small, large)
    assert max(large) <= 15, large


def test_burnup_chart_and_table_planned_and_actual_by_month(login_as, plan_with_three):
    page = login_as().get("/performance/").content.decode()
    assert page.count('data-testid="burnup-row"') == 12
    assert 'id="performance-burnup" role="img"' in page
    month = timezone.localdate().month
    assert '<tr data-testid="burnup-row"><th scope="row">1월</th><td>50.0%</td>' in page
    assert (
        f'<th scope="row">{month}월</th><td>{"100.0" if month == 12 else "50.0"}%</td><td>16.7%</td>' in page
    )
    if month < 12:
        assert '<th scope="row">12월</th><td>100.0%</td><td>—</td>' in page


def test_department_view_shows_only_that_departments_programmes(login_as, plan_with_three):
    _plan, _first, second, _third = plan_with_three
    client = login_as()
    page = client.get(f"/performance/departments/{second.department.code}/").content.decode()
    assert 'data-testid="department-name">인사팀' in page
    assert ">P-02</a>" in page and ">P-03</a>" in page and ">P-01</a>" not in page
    assert 'data-testid="total-count">2<' in page
    assert client.get("/performance/departments/NO-SUCH/").status_code == 404
    response = client.get(f"/performance/export.xlsx?department={second.department_id}")
    rows = list(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [r[0] for r in rows[1:]] == ["P-02", "P-03"]


def test_department_filter_tells_two_teams_of_one_name_apart(login_as):
    plan = build_plan()
    planning, it = DepartmentFactory(name="기획실"), DepartmentFactory(name="정보화실")
    first = build_programme(plan, code="P-01", department=DepartmentFactory(name="교육팀", parent=planning))
    second = build_programme(plan, code="P-02", department=DepartmentFactory(name="교육팀", parent=it))
    build_programme(plan, code="P-03", department=DepartmentFactory(name="총무팀", parent=it))
    page = login_as().get(f"/performance/?year={plan.year}").content.decode()
    assert f'<option value="{first.department_id}">교육팀 (기획실)</option>' in page
    assert f'<option value="{second.department_id}">교육팀 (정보화실)</option>' in page
    assert ">총무팀</option>" in page
