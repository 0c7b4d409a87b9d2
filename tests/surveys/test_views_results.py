"""Results page, Excel download and the follow-up pages: access per role, suppression, queries."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from intranet.home.models import Notification
from intranet.roles import Role
from intranet.surveys import selectors
from intranet.surveys.models import AudienceMember, ImprovementTask, Survey
from intranet.surveys.results import survey_results
from intranet.surveys.tasks import survey_reminders_dispatch
from tests.factories import StaffFactory
from tests.surveys import factories as f

pytestmark = pytest.mark.django_db

HIDDEN = "응답자 수가 적어 표시하지 않습니다"


def build_results(*, year=2025, previous=None, small=2):
    """Three departments: two of six respondents and one of ``small`` (hidden)."""
    leadership, talk = f.area("leadership", 1, "리더십"), f.area("talk", 2, "소통")
    banks = [
        f.bank(f"lead-{year}", area=leadership),
        f.bank(f"talk-{year}", area=talk),
        f.bank(f"free-{year}", kind="text"),
    ]
    survey = f.survey(banks, year=year, previous=previous)
    for code, name, n, value in (("A", "기획팀", 6, 5), ("B", "홍보팀", 6, 4), ("C", "작은팀", small, 1)):
        dept = f.department(code, name)
        f.audience(survey, dept, n)
        f.respond(survey, {f"lead-{year}": value, f"talk-{year}": 3}, dept=dept, times=n)
    return survey


@pytest.fixture
def results_survey():
    return build_results()


@pytest.mark.parametrize(
    ("role", "status"), [(None, 403), (Role.LEADER, 200), (Role.SURVEY_ADMIN, 200), (Role.HR_ADMIN, 403)]
)
def test_results_and_excel_for_admins_and_leaders_only(login_as, results_survey, role, status):
    client = login_as(*([role] if role else []))
    assert client.get(reverse("surveys:results", args=[results_survey.pk])).status_code == status
    assert client.get(reverse("surveys:results_xlsx", args=[results_survey.pk])).status_code == status


def test_results_page_shows_scores_tables_charts_and_hides_the_small_department(login_as, results_survey):
    page = (
        login_as(Role.SURVEY_ADMIN).get(reverse("surveys:results", args=[results_survey.pk])).content.decode()
    )
    assert "종합 점수" in page and "95% 신뢰구간" in page and "응답률" in page
    assert 'data-testid="results-heatmap"' in page and "기획팀" in page
    assert page.count("<svg") == 2  # area bars and heatmap, each beside its table
    assert HIDDEN in page
    heatmap_rows = page.split('data-testid="heatmap-row"')
    small = next(row for row in heatmap_rows if "작은팀" in row.split("</th>")[0])
    assert "n=2" not in small and HIDDEN in small


def test_filtering_on_a_small_group_shows_only_the_message(login_as, results_survey):
    client = login_as(Role.LEADER)
    small = f.department("C")
    url = reverse("surveys:results", args=[results_survey.pk])
    page = client.get(url, {"department": small.pk}).content.decode()
    assert 'data-testid="results-hidden"' in page and HIDDEN in page
    assert 'data-testid="overall-score"' not in page
    workbook = load_workbook(
        io.BytesIO(
            client.get(
                reverse("surveys:results_xlsx", args=[results_survey.pk]), {"department": small.pk}
            ).content
        )
    )
    cells = [c.value for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert HIDDEN in cells


def test_department_is_found_by_name_not_picked_from_a_list_of_all(login_as, results_survey):
    """No <select> of every department: a name (or part of one) typed in the field is matched on
    the server; one match filters, none or several say so in Korean (several listed as links)."""
    client = login_as(Role.LEADER)
    url = reverse("surveys:results", args=[results_survey.pk])
    whole = client.get(url).content.decode()
    assert 'id="id_department_name"' in whole and '<select name="department"' not in whole
    assert '<input type="hidden" name="department"' in whole

    found = client.get(url, {"department_name": "기획"}).content.decode()  # 기획팀 only
    assert "지금: <strong>기획팀</strong>" in found and "부서 조건 지우기" in found
    assert 'data-testid="overall-score"' in found and 'data-testid="results-hidden"' not in found

    small = client.get(url, {"department_name": " 작은 팀 "}).content.decode()  # spaces ignored
    assert 'data-testid="results-hidden"' in small

    none = client.get(url, {"department_name": "없는부서"}).content.decode()
    assert "“없는부서”: 이름이 맞는 부서가 없습니다." in none and 'aria-invalid="true"' in none

    several = client.get(url, {"department_name": "팀"}).content.decode()
    assert "“팀”: 이름이 맞는 부서가 3곳입니다." in several
    matches = several.split('data-testid="results-department-matches"')[1].split("</ul>")[0]
    for code in ("A", "B", "C"):
        assert f"department={f.department(code).pk}" in matches
    # a link from the list filters like the name would
    chosen = client.get(url, {"department": f.department("B").pk}).content.decode()
    assert "지금: <strong>홍보팀</strong>" in chosen


def test_excel_download_is_an_xlsx_with_the_same_suppression(login_as, results_survey):
    response = login_as(Role.SURVEY_ADMIN).get(reverse("surveys:results_xlsx", args=[results_survey.pk]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    cells = [str(c.value) for ws in workbook.worksheets for row in ws.iter_rows() for c in row]
    assert HIDDEN in cells and "기획팀" in cells


def test_unknown_filter_value_is_ignored_not_an_error(login_as, results_survey):
    response = login_as(Role.LEADER).get(
        reverse("surveys:results", args=[results_survey.pk]), {"department": "99999", "grade": "<x>"}
    )
    assert response.status_code == 200
    assert 'data-testid="overall-score"' in response.content.decode()


def test_comparison_with_last_year_and_last_years_tasks_by_area(login_as):
    before = build_results(year=2024)
    after = build_results(year=2025, previous=before)
    owner = StaffFactory()
    ImprovementTask.objects.create(
        survey=before,
        area=f.area("leadership"),
        title="리더 면담 정례화",
        department=f.department("A"),
        owner=owner,
        due_date=datetime.date(2025, 6, 30),
        status=ImprovementTask.Status.DONE,
    )
    page = login_as(Role.LEADER).get(reverse("surveys:results", args=[after.pk])).content.decode()
    assert 'data-testid="overall-comparison"' in page and "→" in page and "(+0.00)" in page
    assert 'data-testid="previous-tasks"' in page and "리더 면담 정례화" in page and "리더십" in page


def test_last_years_tasks_are_kept_between_views_and_every_write_is_seen_on_the_next(login_as):
    """The previous survey's tasks are read once, then kept: a task, an area or a department
    written (saved, added, deleted, renamed) shows on the very next view."""
    before = build_results(year=2024)
    after = build_results(year=2025, previous=before)
    task = ImprovementTask.objects.create(
        survey=before,
        area=f.area("leadership"),
        title="리더 면담 정례화",
        department=f.department("A"),
        owner=StaffFactory(),
        due_date=datetime.date(2025, 6, 30),
        status=ImprovementTask.Status.DONE,
    )
    client, url = login_as(Role.LEADER), reverse("surveys:results", args=[after.pk])

    def view() -> str:
        return client.get(url).content.decode()

    assert "리더 면담 정례화" in view()
    with CaptureQueriesContext(connection) as captured:
        assert "리더 면담 정례화" in view()
    assert not [q for q in captured.captured_queries if "surveys_improvementtask" in q["sql"]]

    task.title = "리더 면담 격주로"
    task.save()
    assert "리더 면담 격주로" in view() and "리더 면담 정례화" not in view()
    department = f.department("A")
    department.name = "새기획팀"
    department.save()
    assert "새기획팀" in view()
    area = f.area("leadership")
    area.name = "리더십과 신뢰"
    area.save()
    assert "리더십과 신뢰" in view()
    ImprovementTask.objects.create(
        survey=before,
        area=f.area("talk"),
        title="부서 간 소통의 날",
        department=f.department("B"),
        owner=task.owner,
        due_date=datetime.date(2025, 9, 30),
        status=ImprovementTask.Status.IN_PROGRESS,
    )
    assert "부서 간 소통의 날" in view()
    task.delete()
    page = view()
    assert "리더 면담 격주로" not in page and "부서 간 소통의 날" in page


def test_results_page_queries_do_not_grow_with_the_data(login_as):
    client = login_as(Role.SURVEY_ADMIN)
    counts = []
    for small, year in ((5, 2024), (40, 2025)):
        survey = build_results(year=year, small=small)
        survey_results(survey=survey)  # the cache is filled by the Celery task in production
        url = reverse("surveys:results", args=[survey.pk])
        client.get(url)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1] <= 12, counts


# --- follow-up ---------------------------------------------------------------------------------------


@pytest.fixture
def task(results_survey):
    return ImprovementTask.objects.create(
        survey=results_survey,
        area=f.area("leadership"),
        title="리더 면담 정례화",
        department=f.department("A"),
        owner=StaffFactory(employee_number="E900001"),
        due_date=datetime.date(2026, 6, 30),
        status=ImprovementTask.Status.DONE,
        result_note="매월 1회 면담",
    )


def test_tasks_page_everyone_sees_only_published_admins_see_all(login_as, task):
    url = reverse("surveys:tasks", args=[task.survey_id])
    staff = login_as()
    assert "리더 면담 정례화" not in staff.get(url).content.decode()
    for role in (Role.SURVEY_ADMIN, Role.LEADER):
        page = login_as(role).get(url).content.decode()
        assert (
            "리더 면담 정례화" in page
            and 'data-testid="task-board"' in page
            and 'data-testid="task-table"' in page
        )
    ImprovementTask.objects.filter(pk=task.pk).update(
        published_at=datetime.datetime(2026, 7, 1, tzinfo=datetime.UTC)
    )
    assert "리더 면담 정례화" in staff.get(url).content.decode()


def test_only_survey_admins_create_edit_and_publish(login_as, task):
    for role in (None, Role.LEADER):
        client = login_as(*([role] if role else []))
        assert client.get(reverse("surveys:task_create", args=[task.survey_id])).status_code == 403
        assert client.get(reverse("surveys:task_edit", args=[task.survey_id, task.pk])).status_code == 403
        assert client.post(reverse("surveys:task_publish", args=[task.survey_id, task.pk])).status_code == 403
    task.refresh_from_db()
    assert task.published_at is None


def test_publish_shows_it_as_you_said_we_did_on_the_surveys_page(login_as, task):
    admin = login_as(Role.SURVEY_ADMIN)
    response = admin.post(reverse("surveys:task_publish", args=[task.survey_id, task.pk]))
    assert response.status_code == 302
    page = login_as().get("/surveys/").content.decode()
    assert "말씀하신 것, 이렇게 바꿨습니다" in page and "리더 면담 정례화" in page and "매월 1회 면담" in page


def test_publishing_an_unfinished_task_is_refused(login_as, task):
    ImprovementTask.objects.filter(pk=task.pk).update(status=ImprovementTask.Status.IN_PROGRESS)
    response = login_as(Role.SURVEY_ADMIN).post(
        reverse("surveys:task_publish", args=[task.survey_id, task.pk]), follow=True
    )
    assert "완료된 개선 과제만 공개할 수 있습니다." in response.content.decode()
    task.refresh_from_db()
    assert task.published_at is None


def task_data(**overrides):
    data = {
        "area": f.area("leadership").pk,
        "title": "소통 간담회",
        "department": f.department("A").pk,
        "owner": "E900001",
        "due_date": "2026-09-30",
        "status": "planned",
        "result_note": "",
    }
    return {**data, **overrides}


def test_create_task_with_evidence_and_bad_input(login_as, task):
    client = login_as(Role.SURVEY_ADMIN)
    url = reverse("surveys:task_create", args=[task.survey_id])
    assert client.get(url).status_code == 200

    bad = client.post(url, task_data(owner="NOPE", due_date="어제"))
    page = bad.content.decode()
    assert "&#x27;NOPE&#x27;에 맞는 재직 직원이 없습니다" in page
    assert 'id="id_due_date_error"' in page

    exe = SimpleUploadedFile("virus.exe", b"MZ", content_type="application/octet-stream")
    page = client.post(url, {**task_data(), "evidence": exe}).content.decode()
    assert "근거 자료는 PDF" in page and "virus.exe" in page

    big = SimpleUploadedFile("big.pdf", b"0" * (10 * 1024 * 1024 + 1), content_type="application/pdf")
    assert "10MB 이하만" in client.post(url, {**task_data(), "evidence": big}).content.decode()
    assert ImprovementTask.objects.count() == 1

    pdf = SimpleUploadedFile("result.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post(url, {**task_data(), "evidence": pdf})
    assert response.status_code == 302
    created = ImprovementTask.objects.get(title="소통 간담회")
    assert created.survey_id == task.survey_id and created.evidence.name.endswith(".pdf")


def test_edit_task_keeps_owner_by_employee_number(login_as, task):
    client = login_as(Role.SURVEY_ADMIN)
    url = reverse("surveys:task_edit", args=[task.survey_id, task.pk])
    assert "(E900001" in client.get(url).content.decode()  # shown by name: 이름 (사번 · 부서)
    client.post(url, task_data(title="바뀐 제목", status="in_progress"))
    task.refresh_from_db()
    assert (task.title, task.status) == ("바뀐 제목", "in_progress")


# --- reminders -----------------------------------------------------------------------------------------


def test_reminder_rounds_three_days_before_and_on_the_last_day():
    survey = Survey(closes_at=datetime.datetime(2026, 3, 16, 18, 0, tzinfo=datetime.UTC))
    last = datetime.date(2026, 3, 17)  # 18:00 UTC is 03:00 the next day in Seoul
    assert selectors.reminder_round(survey=survey, today=last) == 2
    assert [
        selectors.reminder_round(survey=survey, today=last - datetime.timedelta(days=d)) for d in (1, 2, 3)
    ] == [1, 1, 1]
    assert selectors.reminder_round(survey=survey, today=last - datetime.timedelta(days=4)) is None


def test_reminders_task_once_per_round_and_none_to_respondents(login_as, monkeypatch):
    from django.utils import timezone

    from intranet.surveys.services import survey_launch, survey_submit
    from tests.surveys.builders import answer_payload, build_survey

    people = [login_as().staff for _ in range(3)]
    survey = build_survey(closes_at=timezone.now() + datetime.timedelta(days=2))
    survey_launch(survey=survey)
    survey_submit(survey=survey, staff=people[0], raw=answer_payload(survey, **{"lead-1": 4}))

    assert survey_reminders_dispatch.delay().get() == 2
    assert survey_reminders_dispatch.delay().get() == 0  # the same day again: nothing new
    assert not Notification.objects.filter(recipient=people[0]).exists()
    assert Notification.objects.filter(recipient=people[1]).count() == 1

    last_day = timezone.localdate(survey.closes_at)
    due = selectors.surveys_due_reminders
    monkeypatch.setattr(selectors, "surveys_due_reminders", lambda: due(today=last_day))
    assert survey_reminders_dispatch.delay().get() == 2
    assert survey_reminders_dispatch.delay().get() == 0
    assert Notification.objects.filter(recipient=people[1]).count() == 2
    assert set(
        AudienceMember.objects.filter(has_submitted=False).values_list("reminders_sent", flat=True)
    ) == {2}


def test_a_draft_or_missing_survey_has_no_results_page(login_as):
    """The results page reads its survey with a query compiled once per process
    (``views._launched``): a draft is still not found, nor a survey that does not exist."""
    client = login_as(Role.SURVEY_ADMIN)
    survey = build_results()
    assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 200
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.DRAFT)
    assert client.get(reverse("surveys:results", args=[survey.pk])).status_code == 404
    assert client.get(reverse("surveys:results", args=[survey.pk + 1000])).status_code == 404
