"""The survey admin screens: who sees them, building a survey, launch and close, archiving."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from intranet.roles import Role
from intranet.surveys.models import Area, AudienceMember, BankQuestion, Section, Survey, SurveyQuestion
from intranet.surveys.services import survey_launch, survey_submit
from tests.factories import DepartmentFactory, StaffFactory
from tests.surveys.builders import answer_payload, build_survey

pytestmark = pytest.mark.django_db

SURVEYS = "wagtailsnippets_surveys_survey"
QUESTIONS = "wagtailsnippets_surveys_surveyquestion"


@pytest.fixture
def admin_client(login_as):
    return login_as(Role.SURVEY_ADMIN, name="설문관리")


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.mark.parametrize(
    "model", ["survey", "section", "surveyquestion", "bankquestion", "area", "improvementtask"]
)
def test_survey_admin_sees_every_screen_others_do_not(login_as, admin_client, model):
    url = reverse(f"wagtailsnippets_surveys_{model}:list")
    assert admin_client.get(url).status_code == 200
    leader = login_as(Role.LEADER)  # has admin access, not these screens
    response = leader.get(url)
    assert (response.status_code, response["Location"]) == (302, "/admin/")


def test_menu_is_shown_to_survey_admins_only(login_as, admin_client):
    assert "/admin/snippets/surveys/survey/" in admin_client.get("/admin/").content.decode()
    assert "/admin/snippets/surveys/survey/" not in login_as(Role.LEADER).get("/admin/").content.decode()


def test_admin_builds_a_survey_with_a_section_and_a_question(admin_client):
    area_url = reverse("wagtailsnippets_surveys_area:add")
    assert admin_client.post(area_url, {"code": "growth", "name": "성장", "order": 1}).status_code == 302
    bank_url = reverse("wagtailsnippets_surveys_bankquestion:add")
    response = admin_client.post(
        bank_url,
        {
            "code": "grow-1",
            "text": "성장할 기회가 있다.",
            "kind": "likert5",
            "area": str(Area.objects.get(code="growth").pk),
            "choices": "[]",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    response = admin_client.post(
        reverse(f"{SURVEYS}:add"),
        {
            "title": "2026 조직문화 설문",
            "year": 2026,
            "mode": "anonymous",
            "opens_at": "2026-03-02 09:00",
            "closes_at": "2026-03-16 18:00",
            "audience_all": "on",
            "min_group_size": 5,
            "min_text_group_size": 10,
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    survey = Survey.objects.get(title="2026 조직문화 설문")
    assert survey.status == Survey.Status.DRAFT
    admin_client.post(
        reverse("wagtailsnippets_surveys_section:add"), {"survey": survey.pk, "title": "성장", "order": 1}
    )
    section = Section.objects.get(survey=survey)
    response = admin_client.post(
        reverse(f"{QUESTIONS}:add"),
        {
            "survey": survey.pk,
            "section": section.pk,
            "bank_question": BankQuestion.objects.get(code="grow-1").pk,
            "order": 1,
            "required": "on",
        },
    )
    assert response.status_code == 302
    assert SurveyQuestion.objects.filter(survey=survey).count() == 1


def test_launch_action_confirms_then_freezes_the_audience(admin_client):
    department = DepartmentFactory(name="정보체계팀")
    StaffFactory.create_batch(3, department=department)
    survey = build_survey()
    url = reverse(f"{SURVEYS}:launch", args=[survey.pk])
    listing = admin_client.get(reverse(f"{SURVEYS}:list")).content.decode()
    assert url in listing and "배포" in listing
    page = admin_client.get(url)
    assert page.status_code == 200 and "되돌릴 수 없습니다" in page.content.decode()
    assert not AudienceMember.objects.exists()  # a GET changes nothing

    response = admin_client.post(url)
    assert response.status_code == 302
    survey.refresh_from_db()
    assert survey.status == Survey.Status.OPEN
    audience = AudienceMember.objects.filter(survey=survey).count()
    assert audience >= 4  # the three and the admin
    assert texts(response) == [
        f"'2025 조직문화 설문' 설문을 배포했습니다. 대상자 {audience}명에게 열렸습니다."
    ]

    again = admin_client.post(url)
    assert texts(again)[-1] == "이미 배포한 설문입니다."
    assert AudienceMember.objects.filter(survey=survey).count() == audience


def test_launch_without_questions_gives_the_korean_error(admin_client):
    survey = build_survey(questions=[])
    response = admin_client.post(reverse(f"{SURVEYS}:launch", args=[survey.pk]))
    assert texts(response) == ["문항이 없는 설문은 배포할 수 없습니다."]


def test_launch_and_close_need_the_change_permission(login_as):
    survey = build_survey()
    leader = login_as(Role.LEADER)
    for name in ("launch", "close"):
        response = leader.post(reverse(f"{SURVEYS}:{name}", args=[survey.pk]))
        assert response.status_code in (302, 403)
        assert response.status_code == 403 or response["Location"] == "/admin/"
    survey.refresh_from_db()
    assert survey.status == Survey.Status.DRAFT


def test_close_action(admin_client):
    survey = build_survey()
    survey_launch(survey=survey)
    url = reverse(f"{SURVEYS}:close", args=[survey.pk])
    assert admin_client.get(url).status_code == 200
    response = admin_client.post(url)
    survey.refresh_from_db()
    assert survey.status == Survey.Status.CLOSED
    assert texts(response) == ["'2025 조직문화 설문' 설문을 마감했습니다. 결과를 계산합니다."]
    assert texts(admin_client.post(url))[-1] == "진행 중인 설문만 마감할 수 있습니다."


def test_deleting_an_answered_question_archives_it(admin_client):
    survey = build_survey()
    survey_launch(survey=survey)
    survey.refresh_from_db()
    me = admin_client.staff
    survey_submit(survey=survey, staff=me, raw=answer_payload(survey, **{"lead-1": 4}))
    answered = survey.questions.get(bank_question__code="lead-1")
    unanswered = survey.questions.get(bank_question__code="free-1")

    response = admin_client.post(reverse(f"{QUESTIONS}:delete", args=[answered.pk]))
    assert response.status_code == 302
    answered.refresh_from_db()
    assert answered.is_archived
    assert any("보관했습니다" in t for t in texts(response))

    admin_client.post(reverse(f"{QUESTIONS}:delete", args=[unanswered.pk]))
    assert not SurveyQuestion.objects.filter(pk=unanswered.pk).exists()


def test_launched_survey_cannot_be_deleted(admin_client):
    survey = build_survey()
    survey_launch(survey=survey)
    response = admin_client.post(reverse(f"{SURVEYS}:delete", args=[survey.pk]))
    assert Survey.objects.filter(pk=survey.pk).exists()
    assert texts(response) == ["배포한 설문은 삭제할 수 없습니다. 응답과 결과가 남아야 합니다."]


def test_bank_question_in_use_is_refused_with_a_message(admin_client):
    survey = build_survey()
    bank = survey.questions.first().bank_question
    response = admin_client.post(reverse("wagtailsnippets_surveys_bankquestion:delete", args=[bank.pk]))
    assert response.status_code == 302
    assert any("삭제할 수 없습니다" in t for t in texts(response))


def test_admin_evidence_upload_has_the_same_limits(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.surveys import factories as f

    survey = build_survey()
    owner = StaffFactory()
    data = {
        "survey": survey.pk,
        "area": f.area("leadership").pk,
        "title": "과제",
        "department": owner.department_id,
        "owner": owner.pk,
        "due_date": "2026-06-30",
        "status": "planned",
        "evidence": SimpleUploadedFile("run.exe", b"MZ"),
    }
    response = admin_client.post(reverse("wagtailsnippets_surveys_improvementtask:add"), data)
    assert response.status_code == 200
    assert "근거 자료는 PDF" in response.content.decode()
