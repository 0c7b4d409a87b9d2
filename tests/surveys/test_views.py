"""The people-facing survey pages: list, panel, answering (draft, submit, refusals), thanks."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from intranet.roles import Role
from intranet.surveys.models import (
    Area,
    AudienceMember,
    BankQuestion,
    HeldResponse,
    QuestionKind,
    Response,
    Survey,
)
from intranet.surveys.services import survey_launch, survey_submit
from tests.factories import DepartmentFactory, staff_with_login
from tests.surveys.builders import answer_payload, build_survey, held_answers, held_values

pytestmark = pytest.mark.django_db


def client_of(staff) -> Client:
    client = Client()
    client.force_login(staff.user)
    return client


@pytest.fixture
def team():
    department = DepartmentFactory(name="정보체계팀")
    return [staff_with_login(department=department, name=f"직원{i}") for i in range(3)]


@pytest.fixture
def survey(team):
    survey = build_survey()
    survey_launch(survey=survey)
    survey.refresh_from_db()
    return survey


def q(survey, code) -> str:
    return f"q{survey.questions.get(bank_question__code=code).pk}"


def test_list_shows_my_open_survey_with_status_and_the_nav_link(team, survey):
    client = client_of(team[0])
    page = client.get("/surveys/").content.decode()
    assert "2025 조직문화 설문" in page and "미응답" in page
    assert 'href="/surveys/"' in page  # the main menu
    AudienceMember.objects.filter(staff=team[0]).update(draft={q(survey, "lead-1"): "3"})
    assert "임시 저장됨" in client.get("/surveys/").content.decode()
    survey_submit(survey=survey, staff=team[0], raw=answer_payload(survey, **{"lead-1": 4}))
    assert "응답 완료" in client.get("/surveys/").content.decode()


def test_survey_outside_my_audience_and_draft_surveys_are_not_listed(team, survey):
    outsider = staff_with_login(name="외부인")  # hired after the launch
    build_survey(title="준비 중인 설문", questions=[BankQuestion.objects.get(code="lead-1")])
    page = client_of(outsider).get("/surveys/").content.decode()
    assert "2025 조직문화 설문" not in page and "준비 중인 설문" not in page
    assert "지금 참여할 수 있는 설문이 없습니다." in page


def test_results_links_only_for_survey_admins_and_leaders(team, survey):
    assert 'data-testid="results-link"' not in client_of(team[0]).get("/surveys/").content.decode()
    for role in (Role.SURVEY_ADMIN, Role.LEADER):
        page = client_of(staff_with_login(roles=[role])).get("/surveys/").content.decode()
        assert reverse("surveys:results", args=[survey.pk]) in page


def test_dashboard_panel_lists_open_survey_until_answered(team, survey):
    client = client_of(team[0])
    home = client.get("/").content.decode()
    assert "참여할 설문" in home and reverse("surveys:answer", args=[survey.pk]) in home
    survey_submit(survey=survey, staff=team[0], raw=answer_payload(survey, **{"lead-1": 4}))
    assert "참여할 설문" not in client.get("/").content.decode()


def test_answer_page_renders_every_kind_as_labelled_controls(team):
    survey = build_survey()
    leadership = BankQuestion.objects.get(code="lead-1").area
    extra = [
        BankQuestion.objects.create(code="l7", text="7점 문항", kind=QuestionKind.LIKERT7, area=leadership),
        BankQuestion.objects.create(
            code="one", text="하나 고르기", kind=QuestionKind.SINGLE, choices=["가", "나"]
        ),
        BankQuestion.objects.create(
            code="many", text="여러 개 고르기", kind=QuestionKind.MULTIPLE, choices=["가", "나", "다"]
        ),
        BankQuestion.objects.create(code="nps", text="추천하시겠습니까", kind=QuestionKind.ENPS),
    ]
    section = survey.sections.get()
    for order, bank in enumerate(extra, start=10):
        survey.questions.create(section=section, bank_question=bank, order=order)
    survey_launch(survey=survey)
    page = client_of(team[0]).get(reverse("surveys:answer", args=[survey.pk])).content.decode()
    assert page.count("<fieldset") == 5 and page.count("<legend") == 5
    assert page.count(f'name="{q(survey, "lead-1")}"') == 5
    assert page.count(f'name="{q(survey, "l7")}"') == 7
    assert page.count(f'name="{q(survey, "nps")}"') == 11
    assert page.count('type="checkbox"') == 3
    assert f'<textarea id="{q(survey, "free-1")}"' in page
    assert "(필수)" in page


def test_anonymous_survey_says_what_is_stored(team, survey):
    page = client_of(team[0]).get(reverse("surveys:answer", args=[survey.pk])).content.decode()
    assert "이름, 사번, 계정이 저장되지 않습니다" in page
    assert "부서와 직급, 그리고 제출한 날짜(시각 없이)뿐입니다" in page


def test_draft_round_trip_prefills_the_form(team, survey):
    client = client_of(team[0])
    url = reverse("surveys:answer", args=[survey.pk])
    response = client.post(url, {q(survey, "lead-1"): "2", q(survey, "free-1"): "초안", "action": "draft"})
    assert response.status_code == 302 and response["Location"] == url
    assert AudienceMember.objects.get(staff=team[0]).draft == {
        q(survey, "lead-1"): "2",
        q(survey, "free-1"): "초안",
    }
    page = client.get(url).content.decode()
    assert f'id="{q(survey, "lead-1")}-1" name="{q(survey, "lead-1")}" value="2" checked' in page
    assert ">초안</textarea>" in page
    assert "임시 저장한 답을 불러왔습니다." in page
    assert not Response.objects.exists()


def test_required_question_left_empty_is_marked_and_summarised(team, survey):
    client = client_of(team[0])
    url = reverse("surveys:answer", args=[survey.pk])
    response = client.post(url, {q(survey, "free-1"): "할 말", "action": "submit"})
    page = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="error-summary"' in page
    assert f'href="#{q(survey, "lead-1")}-0"' in page  # the summary links to the question
    assert f'id="{q(survey, "lead-1")}-error"' in page and "필수 문항입니다. 답을 골라 주세요." in page
    assert ">할 말</textarea>" in page  # what was typed is kept
    assert not Response.objects.exists()
    assert not AudienceMember.objects.get(staff=team[0]).has_submitted


def test_bad_value_is_refused_with_a_message(team, survey):
    response = client_of(team[0]).post(
        reverse("surveys:answer", args=[survey.pk]), {q(survey, "lead-1"): "9", "action": "submit"}
    )
    assert "선택할 수 없는 값입니다." in response.content.decode()
    assert not Response.objects.exists()


def test_submit_then_thanks_and_the_second_submission_is_refused(team, survey):
    client = client_of(team[0])
    url = reverse("surveys:answer", args=[survey.pk])
    first = client.post(url, {q(survey, "lead-1"): "2", "action": "submit"})
    assert first.status_code == 302 and first["Location"] == reverse("surveys:thanks", args=[survey.pk])
    assert "응답해 주셔서 감사합니다" in client.get(first["Location"]).content.decode()

    replay = client.post(url, {q(survey, "lead-1"): "5", "action": "submit"})  # double click, replay
    assert replay.status_code == 409
    assert "이미 응답을 제출했습니다" in replay.content.decode()
    draft = client.post(url, {q(survey, "lead-1"): "5", "action": "draft"})
    assert draft.status_code == 409
    assert held_values(survey) == [2]
    assert "이미 응답을 제출했습니다" in client.get(url).content.decode()


def test_second_tab_submission_refused_by_the_service_after_the_page_check(team, survey, monkeypatch):
    """Two tabs: both pass the page's own check; the service's row lock refuses the second."""
    from intranet.surveys import selectors

    client = client_of(team[0])
    url = reverse("surveys:answer", args=[survey.pk])
    client.post(url, {q(survey, "lead-1"): "3", "action": "submit"})
    stale = AudienceMember.objects.select_related("staff", "survey").get(staff=team[0])
    stale.has_submitted = False
    monkeypatch.setattr(selectors, "membership_for_user", lambda *, survey_id, user: stale)
    response = client.post(url, {q(survey, "lead-1"): "1", "action": "submit"})
    assert response.status_code == 409
    assert "한 사람은 한 번만 응답할 수 있습니다" in response.content.decode()
    assert held_values(survey) == [3]


def test_closed_survey_refuses_with_a_message(team, survey):
    Survey.objects.filter(pk=survey.pk).update(closes_at=timezone.now() - datetime.timedelta(minutes=1))
    client = client_of(team[0])
    url = reverse("surveys:answer", args=[survey.pk])
    assert "응답 기간이 아닌 설문입니다" in client.get(url).content.decode()
    response = client.post(url, {q(survey, "lead-1"): "4", "action": "submit"})
    assert response.status_code == 409 and not Response.objects.exists()


def test_person_outside_the_audience_gets_a_clear_message(team, survey):
    outsider = staff_with_login(name="외부인")
    client = client_of(outsider)
    url = reverse("surveys:answer", args=[survey.pk])
    assert client.get(url).status_code == 403
    response = client.post(url, {q(survey, "lead-1"): "4", "action": "submit"})
    assert response.status_code == 403
    assert "이 설문의 대상자가 아닙니다" in response.content.decode()
    assert not Response.objects.exists()


def test_draft_survey_is_not_found(team):
    survey = build_survey()
    assert client_of(team[0]).get(reverse("surveys:answer", args=[survey.pk])).status_code == 404


def test_anonymous_submission_leaves_nothing_in_session_or_messages(team, survey):
    client = client_of(team[0])
    before = dict(client.session.items())
    response = client.post(
        reverse("surveys:answer", args=[survey.pk]),
        {q(survey, "lead-1"): "4", q(survey, "free-1"): "비밀 의견", "action": "submit"},
        follow=True,
    )
    assert dict(client.session.items()) == before
    assert not list(response.context["messages"])
    assert str(HeldResponse.objects.get().pk) not in response.content.decode()
    assert not Response.objects.exists()


def test_thanks_page_before_submitting_goes_back_to_the_form(team, survey):
    response = client_of(team[0]).get(reverse("surveys:thanks", args=[survey.pk]))
    assert response["Location"] == reverse("surveys:answer", args=[survey.pk])


def test_detail_url_of_reminders_leads_to_the_answer_page(team, survey):
    response = client_of(team[0]).get(survey.get_absolute_url())
    assert response["Location"] == reverse("surveys:answer", args=[survey.pk])


def test_multiple_choice_and_enps_submitted(team):
    many = BankQuestion.objects.create(
        code="many", text="여러 개", kind=QuestionKind.MULTIPLE, choices=["가", "나", "다"]
    )
    nps = BankQuestion.objects.create(code="nps", text="추천", kind=QuestionKind.ENPS)
    survey = build_survey(questions=[many, nps])
    survey_launch(survey=survey)
    survey.refresh_from_db()
    response = client_of(team[0]).post(
        reverse("surveys:answer", args=[survey.pk]),
        {q(survey, "many"): ["0", "2"], q(survey, "nps"): "0", "action": "submit"},
    )
    assert response.status_code == 302
    [held] = held_answers(survey)
    assert sorted((c, v) for _q, v, c, _t in held["q"]) == sorted([([0, 2], None), ([], 0)])


def _queries(client, url) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_list_and_answer_pages_make_the_same_queries_at_two_sizes(team):
    from intranet.surveys.models import ImprovementTask

    client = client_of(team[0])
    area = Area.objects.create(code="talk", name="소통")
    counts = []
    for size in (1, 6):
        banks = [
            BankQuestion.objects.create(
                code=f"s{size}-{i}", text=f"문항 {i}", kind=QuestionKind.SINGLE, choices=["가", "나"]
            )
            for i in range(size * 3)
        ]
        for n in range(size):
            survey = build_survey(title=f"설문 {size}-{n}", questions=banks)
            survey_launch(survey=survey)
            ImprovementTask.objects.create(
                survey=survey,
                area=area,
                title=f"과제 {n}",
                department=team[0].department,
                owner=team[1],
                due_date=datetime.date(2026, 1, 1),
                status=ImprovementTask.Status.DONE,
                published_at=timezone.now(),
            )
        counts.append(
            (_queries(client, "/surveys/"), _queries(client, reverse("surveys:answer", args=[survey.pk])))
        )
    assert counts[0] == counts[1], counts
    assert max(counts[1]) <= 10, counts
