"""The programme page and the progress update form: roles, refusals, bad input, the new %."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from performance.models import Milestone, ProgressUpdate
from performance.services import MilestoneInput, status_override_set
from tests.factories import DepartmentFactory
from tests.performance.builders import build_plan, build_programme, kpi, planner

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year


@pytest.fixture
def programme(login_as):
    owner_client = login_as(name="김담당")
    plan = build_plan(YEAR)
    programme = build_programme(
        plan,
        code="P-07",
        owner=owner_client.staff,
        department=DepartmentFactory(name="정보화팀"),
        milestones=[
            MilestoneInput("착수 보고", dt.date(YEAR, 1, 1), 50),
            MilestoneInput("완료 보고", dt.date(YEAR, 12, 31), 50),
        ],
        kpis=[kpi()],
    )
    programme.owner_client = owner_client
    return programme


def url(programme, suffix=""):
    return f"/performance/programmes/{programme.pk}/{suffix}"


def test_programme_page_shows_kpis_timeline_and_derived_status(login_as, programme):
    page = login_as().get(url(programme)).content.decode()
    assert "74.7 → 85 점" in page and "미입력" in page
    assert page.index("착수 보고") < page.index("완료 보고")
    assert "기한 지남" in page  # overdue is said in words, not only colour
    assert "status-tag--delayed" in page and "지연" in page
    assert 'data-testid="update-link"' not in page  # not the reader's programme


def test_owner_posts_an_update_and_sees_the_new_percent_and_status(programme):
    client = programme.owner_client
    page = client.get(url(programme)).content.decode()
    assert 'data-testid="programme-percent">0.0%' in page and 'data-testid="update-link"' in page
    first = programme.milestones.order_by("due_date").first()
    the_kpi = programme.kpis.get()
    response = client.post(
        url(programme, "update/"),
        {
            "milestones_done": [first.pk],
            f"kpi_{the_kpi.pk}": "87.8",
            "comment": "착수 보고를 마쳤습니다.",
            "evidence": SimpleUploadedFile("보고서.pdf", b"%PDF-1.4", content_type="application/pdf"),
        },
    )
    assert response.status_code == 302 and response["Location"] == url(programme)
    page = client.get(url(programme)).content.decode()
    assert 'data-testid="programme-percent">50.0%' in page
    assert "status-tag--on_track" in page
    assert "착수 보고를 마쳤습니다." in page and "완료한 일정: 착수 보고" in page
    assert "이용자 만족도 87.8" in page and "보고서.pdf" in page
    assert "김담당" in page


def test_co_owner_and_planner_may_post(login_as, programme):
    co_owner = login_as()
    programme.co_owners.add(co_owner.staff)
    assert co_owner.get(url(programme, "update/")).status_code == 200
    planner_client = login_as("planner")
    response = planner_client.post(url(programme, "update/"), {"comment": "기획자 점검"})
    assert response.status_code == 302
    assert ProgressUpdate.objects.filter(programme=programme).count() == 1


def test_someone_elses_programme_is_refused_with_a_korean_message(login_as, programme):
    client = login_as()
    for response in (
        client.get(url(programme, "update/")),
        client.post(url(programme, "update/"), {"comment": "x"}),
    ):
        assert response.status_code == 403
        assert "담당하는 과제만 실적을 등록할 수 있습니다" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


def test_closed_plan_refuses_updates(programme):
    programme.plan.is_closed = True
    programme.plan.save()
    client = programme.owner_client
    assert "계획이 마감되어" in client.get(url(programme, "update/")).content.decode()
    response = client.post(url(programme, "update/"), {"comment": "늦은 실적"})
    assert response.status_code == 409 and "계획이 마감되어" in response.content.decode()
    assert not ProgressUpdate.objects.exists()
    assert 'data-testid="update-link"' not in client.get(url(programme)).content.decode()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "완료한 일정, 지표 실적, 추진 내용, 증빙 중 하나는 있어야 합니다."),
        ({"kpi": "많음"}, "이용자 만족도 실적은 숫자로 적어 주세요."),
        ({"milestones_done": ["999999"]}, "이 과제에 없거나 이미 완료된 추진 일정입니다."),
        ({"file": ("악성.exe", 10)}, "근거 자료는 PDF, HWP"),
        ({"file": ("큰파일.pdf", 10 * 1024 * 1024 + 1)}, "근거 자료는 10MB 이하만 올릴 수 있습니다."),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_written(programme, data, message):
    payload = {}
    if "kpi" in data:
        payload[f"kpi_{programme.kpis.get().pk}"] = data["kpi"]
    if "milestones_done" in data:
        payload["milestones_done"] = data["milestones_done"]
    if "file" in data:
        name, size = data["file"]
        payload["evidence"] = SimpleUploadedFile(name, b"x" * size)
        payload["comment"] = "증빙 첨부"
    response = programme.owner_client.post(url(programme, "update/"), payload)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ProgressUpdate.objects.exists()
    assert not Milestone.objects.filter(done_on__isnull=False).exists()


def test_override_and_its_reason_are_shown(login_as, programme):
    status_override_set(
        programme=programme, by=planner(), status="on_track", reason="외부 요인으로 일정 조정"
    )
    page = login_as().get(url(programme)).content.decode()
    assert 'data-testid="override-reason">외부 요인으로 일정 조정' in page
    assert "(지정)" in page


def test_unknown_programme_is_404(login_as):
    assert login_as().get("/performance/programmes/999999/").status_code == 404
    assert login_as().get("/performance/programmes/999999/update/").status_code == 404


def test_programme_page_queries_do_not_grow_with_updates(programme):
    client = programme.owner_client

    def count():
        client.get(url(programme))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url(programme)).status_code == 200
        return len(captured)

    client.post(url(programme, "update/"), {"comment": "첫 실적"})
    few = count()
    for n in range(20):
        client.post(url(programme, "update/"), {"comment": f"실적 {n}"})
    assert count() == few <= 15


def test_dashboard_panel_and_profile_section_list_my_programmes(login_as, programme):
    client = programme.owner_client
    home = client.get("/").content.decode()
    assert 'data-testid="panel-performance.my_programmes"' in home
    assert "P-07" in home and "0.0%" in home
    profile = login_as().get(programme.owner.get_absolute_url()).content.decode()
    assert 'data-testid="section-performance.programmes"' in profile and "P-07" in profile
    other = login_as()
    assert "panel-performance.my_programmes" not in other.get("/").content.decode()


def test_prefilled_kpi_value_left_as_it_was_is_not_a_new_actual(programme):
    client = programme.owner_client
    field = f"kpi_{programme.kpis.get().pk}"
    client.post(url(programme, "update/"), {field: "87.8"})
    form = client.get(url(programme, "update/")).content.decode()
    assert 'value="87.8"' in form and "기준 74.7 → 목표 85" in form
    client.post(url(programme, "update/"), {field: "87.8", "comment": "의견만"})
    latest = ProgressUpdate.objects.filter(programme=programme).first()
    assert (latest.comment, latest.kpi_actuals) == ("의견만", {})


def test_planner_sets_and_clears_the_status_with_a_reason(login_as, programme):
    planner_client = login_as("planner")
    page = planner_client.get(url(programme)).content.decode()
    assert 'data-testid="override-form"' in page
    response = planner_client.post(url(programme, "status/"), {"status": "on_track", "reason": ""})
    assert response.status_code == 302
    programme.refresh_from_db()
    assert programme.status_override == ""
    page = planner_client.get(url(programme)).content.decode()
    assert "사유를 적어야 합니다" in page
    planner_client.post(url(programme, "status/"), {"status": "on_track", "reason": "예산 이월로 일정 조정"})
    page = planner_client.get(url(programme)).content.decode()
    assert "status-tag--on_track" in page and "예산 이월로 일정 조정" in page
    assert "상태를 &#x27;정상 추진&#x27;으로 지정" in page or "상태를 '정상 추진'으로 지정" in page
    planner_client.post(url(programme, "status/"), {"status": "", "reason": "일정 정상화"})
    programme.refresh_from_db()
    assert programme.status_override == ""


def test_only_planners_set_a_status(programme):
    client = programme.owner_client
    assert 'data-testid="override-form"' not in client.get(url(programme)).content.decode()
    response = client.post(url(programme, "status/"), {"status": "done", "reason": "끝"})
    assert response.status_code == 403
    programme.refresh_from_db()
    assert programme.status_override == ""


def test_my_department_link_on_the_plan_page(programme):
    page = programme.owner_client.get("/performance/").content.decode()
    assert 'data-testid="my-department-link"' not in page
    programme.owner.department = programme.department
    programme.owner.save()
    page = programme.owner_client.get("/performance/").content.decode()
    assert "정보화팀 과제만 보기" in page
    year = programme.plan.year
    assert f'href="/performance/departments/{programme.department.code}/?year={year}"' in page


def test_update_form_and_dashboard_queries_do_not_grow(programme, rf):
    from performance.panels import my_programmes

    client = programme.owner_client

    def count(path):
        client.get(path)
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    def panel_queries():
        request = rf.get("/")
        request.user = programme.owner.user
        request.user._ieum_staff = programme.owner  # as the context processor leaves it
        with CaptureQueriesContext(connection) as captured:
            context = my_programmes(request)
        return len(captured), len(context["rows"])

    few = (count("/"), count(url(programme, "update/")), panel_queries()[0])
    for n in range(10):
        Milestone.objects.create(
            programme=programme, title=f"일정 {n}", due_date=dt.date(YEAR, 12, 1), weight=1
        )
        build_programme(programme.plan, code=f"P-X{n}", owner=programme.owner)
    many = (count("/"), count(url(programme, "update/")), panel_queries()[0])
    assert few == many, (few, many)
    # The panel: the programmes with their plan's version; the states from the plan's roll-up,
    # kept by the dashboard views before.
    assert many[1] <= 15 and many[2] == 1, many
    assert panel_queries()[1] == 11
