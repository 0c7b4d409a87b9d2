"""The plan page keeps its figures per plan version and its fragments per version, department
and language: every write that changes what it shows is seen on the next view, and the
departments' figures are a table of their own, a page at a time."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from performance.services import MilestoneInput, progress_update_post, status_override_set
from tests.factories import DepartmentFactory, StaffFactory
from tests.performance.builders import build_plan, build_programme, planner

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


def two_milestones():
    return [
        MilestoneInput("착수 보고", dt.date(YEAR, 1, 1), 50),
        MilestoneInput("완료 보고", dt.date(YEAR, 12, 31), 50),
    ]


@pytest.fixture
def plan_one():
    plan = build_plan(YEAR)
    it = DepartmentFactory(name="정보화팀")
    owner = StaffFactory(name="김담당", department=it)
    programme = build_programme(plan, code="P-01", owner=owner, department=it, milestones=two_milestones())
    return plan, programme


def page(client, url="/performance/"):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_progress_update_shows_on_the_next_view(login_as, plan_one):
    _plan, programme = plan_one
    client = login_as()
    before = page(client)
    assert ">정보화팀</a></th><td>1</td><td>0.0%" in before
    assert 'data-testid="programme-percent">0.0%' in before
    progress_update_post(
        programme=programme,
        author=programme.owner,
        milestones_done=[programme.milestones.order_by("due_date").first().pk],
        comment="착수",
    )
    after = page(client)
    assert ">정보화팀</a></th><td>1</td><td>50.0%" in after
    assert 'data-testid="programme-percent">50.0%' in after
    assert 'data-testid="overall-percent">50.0%' in after


def test_a_new_programme_and_a_title_change_show_on_the_next_view(login_as, plan_one):
    plan, programme = plan_one
    client = login_as()
    assert 'data-testid="total-count">1<' in page(client)
    build_programme(plan, code="P-02", department=DepartmentFactory(name="인사팀"))
    programme.title = "바뀐 과제명"
    programme.save()
    html = page(client)
    assert 'data-testid="total-count">2<' in html
    assert ">P-02</a>" in html and ">인사팀</a></th>" in html
    assert ">바뀐 과제명</a>" in html


def test_a_renamed_department_or_owner_shows_on_the_next_view(login_as, plan_one):
    _plan, programme = plan_one
    client = login_as()
    html = page(client)
    assert ">정보화팀</option>" in html and ">김담당</option>" in html
    department = programme.department
    department.name = "디지털혁신팀"
    department.save()
    owner = programme.owner
    owner.name = "박담당"
    owner.save()
    html = page(client)
    assert ">디지털혁신팀</a></th>" in html and ">디지털혁신팀</option>" in html
    assert "정보화팀" not in html
    assert ">박담당</option>" in html and "김담당" not in html


def test_an_override_and_a_deleted_programme_show_on_the_next_view(login_as, plan_one):
    plan, programme = plan_one
    second = build_programme(plan, code="P-02", department=programme.department)
    client = login_as()
    assert 'data-testid="total-count">2<' in page(client)
    status_override_set(programme=programme, by=planner(), status="done", reason="조기 완료")
    html = page(client)
    assert "완료 (지정)" in html
    second.delete()
    assert 'data-testid="total-count">1<' in page(client)


def test_a_filtered_view_reads_no_programme_rows_once_kept(login_as, plan_one):
    """The filter applies to the kept rows in Python: a filtered view costs no query of its own."""
    _plan, programme = plan_one
    client = login_as()
    urls = [
        "/performance/",
        f"/performance/?department={programme.department_id}",
        f"/performance/?owner={programme.owner.employee_number}&origin=ongoing&status=delayed",
    ]
    counts = []
    for url in urls:
        page(client, url)  # the figures kept, the fragments rendered
        with CaptureQueriesContext(connection) as captured:
            page(client, url + ("&" if "?" in url else "?") + "sort=-percent")
        counts.append(len(captured))
    assert counts[0] == counts[1] == counts[2], counts


def test_departments_are_a_table_a_page_at_a_time_that_keeps_the_filter(login_as):
    plan = build_plan(YEAR)
    for i in range(26):
        build_programme(
            plan, code=f"P-{i:02d}", department=DepartmentFactory(name=f"부서{i:02d}", sort_order=i)
        )
    client = login_as()
    first = page(client, "/performance/?origin=ongoing")
    assert first.count('data-testid="department-row"') == 20
    assert ">부서00</a></th>" in first and ">부서20</a></th>" not in first
    # The chart draws the departments of the table's page, as the table beside it.
    chart = first[
        first.index('id="performance-departments"') : first.index(
            "</svg>", first.index('id="performance-departments"')
        )
    ]
    assert "부서19" in chart and "부서20" not in chart
    assert 'aria-label="부서별 진척률 쪽 이동"' in first
    assert "?origin=ongoing&amp;dept_page=2" in first  # the page links keep the filter
    second = page(client, "/performance/?origin=ongoing&dept_page=2")
    assert second.count('data-testid="department-row"') == 6
    assert ">부서20</a></th>" in second and ">부서00</a></th>" not in second
    # Sorting by name descending puts the last department first.
    by_name = page(client, "/performance/?dept_sort=-department")
    assert by_name.index(">부서25</a></th>") < by_name.index(">부서24</a></th>")
    # The programme table pages apart from it, keeping the departments' page.
    assert "dept_page=2&amp;page=2" in second or "page=2&amp;dept_page=2" in second


def test_the_department_page_link_keeps_the_year(login_as, plan_one):
    _plan, programme = plan_one
    html = page(login_as())
    assert f'href="/performance/departments/{programme.department.code}/?year={YEAR}">정보화팀</a>' in html
