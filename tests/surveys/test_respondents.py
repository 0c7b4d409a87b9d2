"""The system-users' survey: respondent lists, one-time links, invitation rounds, results by
system and organisation under the engine's suppression, and what a copy of the database holds."""

import datetime as dt
import io
import smtplib

import pytest
import time_machine
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models
from django.test import Client
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from intranet.directory.imports import import_report_lines
from intranet.home.models import OutgoingMail
from intranet.surveys import respondents
from intranet.surveys.export import survey_results_workbook
from intranet.surveys.models import ExternalRespondent, InvitationRun, RespondentUpload, Response, Survey
from intranet.surveys.results import survey_results
from intranet.surveys.services import survey_close, survey_launch
from tests.surveys.builders import answer_payload, build_external_survey, held_answers, respondent_link_path

pytestmark = pytest.mark.django_db
MESSAGE = "응답자 수가 적어 표시하지 않습니다"


def csv_upload(text: str, name="명단.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def upload(survey, file) -> RespondentUpload:
    run = respondents.respondent_upload_start(survey=survey, upload=file, uploaded_by=None)
    return respondents.respondent_upload_dispatch(run=run)


# --- the list ----------------------------------------------------------------------------------


def test_a_good_list_adds_everyone_with_a_hashed_token_and_no_token_in_the_database():
    survey = build_external_survey(status=Survey.Status.DRAFT)
    run = upload(
        survey, csv_upload("이메일,정보체계,소속기관\nA@Example.org,재정정보체계,육군\nb@example.org,,\n")
    )

    assert run.status == RespondentUpload.Status.DONE and run.created_count == 2
    rows = {r.email: r for r in ExternalRespondent.objects.filter(survey=survey)}
    assert set(rows) == {"a@example.org", "b@example.org"}
    assert (rows["a@example.org"].system, rows["a@example.org"].organisation) == ("재정정보체계", "육군")
    token = respondents.respondent_token(rows["a@example.org"].nonce)
    assert rows["a@example.org"].token_hash == respondents.token_hash(token)
    stored = [str(v) for r in rows.values() for v in vars(r).values()]
    assert not any(token in v for v in stored)  # only its hash is kept
    assert run.file_path and not __import__("pathlib").Path(run.file_path).exists()  # the file is gone


def test_a_list_with_one_bad_row_adds_nobody_and_reports_rows_in_korean():
    survey = build_external_survey(status=Survey.Status.DRAFT)
    text = "email,system\nok@example.org,A\nnot-an-address,A\nok@example.org,B\n,C\n"
    run = upload(survey, csv_upload(text))

    assert run.status == RespondentUpload.Status.REJECTED
    assert not ExternalRespondent.objects.filter(survey=survey).exists()
    lines = import_report_lines(issues=run.errors)
    assert any(line.startswith("오류 3행 [email]") and "이메일 주소 형식" in line for line in lines), lines
    assert any(line.startswith("오류 4행 [email]") and "2행과 중복" in line for line in lines), lines
    assert any(line.startswith("오류 5행 [email]") and "비어 있습니다" in line for line in lines), lines


def test_an_xlsx_list_is_read_and_an_address_already_listed_is_a_warning():
    survey = build_external_survey(respondents=[("old@example.org", "A", "")], status=Survey.Status.DRAFT)
    book = Workbook()
    book.active.append(["이메일", "정보체계", "소속기관"])
    book.active.append(["old@example.org", "A", ""])
    book.active.append(["new@example.org", "군수통합정보체계", "해군"])
    buffer = io.BytesIO()
    book.save(buffer)
    run = upload(survey, SimpleUploadedFile("명단.xlsx", buffer.getvalue()))

    assert run.status == RespondentUpload.Status.DONE and run.created_count == 1
    assert [e["level"] for e in run.errors] == ["warning"]
    assert ExternalRespondent.objects.filter(survey=survey).count() == 2


def test_a_renamed_file_is_refused_before_it_is_parsed():
    survey = build_external_survey(status=Survey.Status.DRAFT)
    run = upload(survey, SimpleUploadedFile("명단.csv", b"%PDF-1.4 binary"))
    assert run.status == RespondentUpload.Status.REJECTED
    assert "CSV 파일이 아닙니다" in run.errors[0]["message"]


def test_a_big_list_is_parsed_in_the_worker(settings, django_capture_on_commit_callbacks):
    settings.IEUM_IMPORT_ASYNC_ROWS = 2
    survey = build_external_survey(status=Survey.Status.DRAFT)
    text = "이메일\n" + "".join(f"u{i}@example.org\n" for i in range(5))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = upload(survey, csv_upload(text))
    assert run.status == RespondentUpload.Status.QUEUED and len(callbacks) == 1
    callbacks[0]()  # the worker (eager in tests)
    run.refresh_from_db()
    assert run.status == RespondentUpload.Status.DONE and run.created_count == 5


def test_launching_an_external_survey_needs_its_list_and_freezes_no_staff():
    survey = build_external_survey(status=Survey.Status.DRAFT)
    with pytest.raises(respondents.SurveyError, match="명단"):
        survey_launch(survey=survey)
    respondents.respondent_new(survey=survey, email="x@example.org").save()
    assert survey_launch(survey=survey) == 1
    assert not survey.audience.exists()


# --- the one-time link -------------------------------------------------------------------------


def people(n, system="재정정보체계", organisation="육군", start=0):
    return [(f"p{i}@example.org", system, organisation) for i in range(start, start + n)]


@pytest.mark.parametrize("today", [dt.datetime(2025, 9, 1, 9, 30), dt.datetime(2026, 3, 2, 23, 50)])
def test_a_link_answers_once_without_log_in_and_keeps_only_the_day(today):
    with time_machine.travel(timezone.make_aware(today), tick=False):
        survey = build_external_survey(respondents=people(1))
        respondent = ExternalRespondent.objects.get(survey=survey)
        client = Client()
        path = respondent_link_path(respondent)

        page = client.get(path)
        assert page.status_code == 200 and "login" not in page.get("Location", "")
        assert "재정정보체계" not in page.content.decode()  # the page shows no list data
        sent = client.post(path, answer_payload(survey, **{"lead-1": "4"}))
        assert sent.status_code == 200 and "응답해 주셔서 감사합니다" in sent.content.decode()

        again = client.post(path, answer_payload(survey, **{"lead-1": "1"}))
        assert again.status_code == 409 and "한 번만" in again.content.decode()
        assert client.get(path).status_code == 200

    assert not Response.objects.filter(survey=survey).exists()  # held, encrypted, until the close
    [held] = held_answers(survey)
    assert (held["a"]["system"], held["a"]["organisation"]) == ("재정정보체계", "육군")
    assert [value for _q, value, _c, _t in held["q"] if value] == [4]
    assert ExternalRespondent.objects.get(pk=respondent.pk).has_submitted
    closing = today + dt.timedelta(days=3)
    with time_machine.travel(timezone.make_aware(closing), tick=False):
        survey_close(survey=survey)
    response = Response.objects.get(survey=survey)
    assert response.submitted_on == closing.date()  # the closing day only, never the answer's
    assert [a.value for a in response.answers.all() if a.value] == [4]


def test_an_unknown_or_tampered_link_is_a_404_in_korean():
    survey = build_external_survey(respondents=people(1))
    path = respondent_link_path(ExternalRespondent.objects.get(survey=survey))
    for wrong in ("/surveys/r/nothing/", path[:-3] + "x/"):
        page = Client().get(wrong)
        assert page.status_code == 404 and "유효하지 않은 설문 링크" in page.content.decode()


def test_a_missing_required_answer_is_shown_and_nothing_is_recorded():
    survey = build_external_survey(respondents=people(1))
    respondent = ExternalRespondent.objects.get(survey=survey)
    page = Client().post(respondent_link_path(respondent), {})
    assert page.status_code == 400 and "필수 문항" in page.content.decode()
    assert not Response.objects.filter(survey=survey).exists()
    assert not ExternalRespondent.objects.get(pk=respondent.pk).has_submitted


def test_a_closed_survey_refuses_the_link():
    survey = build_external_survey(respondents=people(1))
    survey_close(survey=survey)
    path = respondent_link_path(ExternalRespondent.objects.get(survey=survey))
    assert Client().post(path, answer_payload(survey, **{"lead-1": "4"})).status_code == 409
    assert not Response.objects.filter(survey=survey).exists()


def test_nothing_stored_with_an_answer_leads_back_to_the_link():
    """The join attacker with a copy of the database: the respondent row has no time finer than a
    day and no key to the answer; the answer has no key to the row, the token or the address."""
    survey = build_external_survey(respondents=people(6))
    for respondent in ExternalRespondent.objects.filter(survey=survey):
        Client().post(respondent_link_path(respondent), answer_payload(survey, **{"lead-1": "3"}))
    survey_close(survey=survey)  # the answers exist in clear from the close
    assert Response.objects.filter(survey=survey).count() == 6
    for field in ExternalRespondent._meta.get_fields():
        assert not isinstance(field, models.DateTimeField), field.name
        assert not (field.is_relation and field.related_model is Response), field.name
    for field in Response._meta.get_fields():
        assert not (field.is_relation and field.related_model is ExternalRespondent), field.name
    secrets_of_rows = set()
    for r in ExternalRespondent.objects.filter(survey=survey):
        secrets_of_rows |= {r.email, r.nonce, r.token_hash, respondents.respondent_token(r.nonce)}
    for response in Response.objects.filter(survey=survey).prefetch_related("answers"):
        values = {str(v) for v in vars(response).values()}
        values |= {str(v) for a in response.answers.all() for v in vars(a).values()}
        assert not values & secrets_of_rows


# --- invitations and reminders -----------------------------------------------------------------


def test_invitations_are_queued_without_waiting_and_sent_once_with_absolute_links(
    settings, django_capture_on_commit_callbacks
):
    settings.IEUM_SITE_URL = "https://ieum.agency.example"
    survey = build_external_survey(respondents=people(5))
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = respondents.invitation_run_start(survey=survey, round_number=0)
    assert run.total == 5 and not mail.outbox and len(callbacks) == 1  # nothing sent in the request
    callbacks[0]()
    run.refresh_from_db()
    assert (run.status, run.sent, run.bounced) == (InvitationRun.Status.DONE, 5, 0)
    assert len(mail.outbox) == 5
    first = ExternalRespondent.objects.filter(survey=survey).order_by("pk").first()
    link = "https://ieum.agency.example" + respondent_link_path(first)
    assert any(link in m.body and m.to == [first.email] for m in mail.outbox)

    respondents.invitation_run_execute(run_id=run.pk)  # a redelivered task
    respondents.invitation_run_start(survey=survey, round_number=0)  # a second click
    assert len(mail.outbox) == 5
    assert OutgoingMail.objects.filter(key__startswith=f"surveys.respondent.{survey.pk}.").count() == 5


def test_reminders_go_to_those_who_have_not_answered_and_a_refused_address_is_a_bounce(
    monkeypatch, django_capture_on_commit_callbacks
):
    survey = build_external_survey(respondents=people(3))
    with django_capture_on_commit_callbacks(execute=True):
        respondents.invitation_run_start(survey=survey, round_number=0)
    answered, refused, waiting = ExternalRespondent.objects.filter(survey=survey).order_by("pk")
    Client().post(respondent_link_path(answered), answer_payload(survey, **{"lead-1": "5"}))
    mail.outbox.clear()

    real_send = mail.EmailMessage.send

    def send(message, *args, **kwargs):
        if refused.email in message.to:
            raise smtplib.SMTPRecipientsRefused({refused.email: (550, b"no such user")})
        return real_send(message, *args, **kwargs)

    monkeypatch.setattr(mail.EmailMessage, "send", send)
    with django_capture_on_commit_callbacks(execute=True):
        run = respondents.invitation_run_start(survey=survey, round_number=1)
    run.refresh_from_db()
    assert (run.total, run.sent, run.bounced) == (2, 1, 1)
    assert [m.to for m in mail.outbox] == [[waiting.email]]
    assert ExternalRespondent.objects.get(pk=refused.pk).bounced_on == timezone.localdate()
    assert respondents.respondent_counts(survey=survey)["bounced"] == 1
    # A bounced address gets no further round.
    assert respondents.invitation_run_start(survey=survey, round_number=2).total == 1


def test_reminders_need_the_invitation_first_and_an_open_survey():
    survey = build_external_survey(respondents=people(1))
    with pytest.raises(respondents.SurveyError, match="초대 메일을 먼저"):
        respondents.invitation_run_start(survey=survey, round_number=1)
    draft = build_external_survey(respondents=people(1, start=5), status=Survey.Status.DRAFT, title="준비")
    with pytest.raises(respondents.SurveyError, match="배포한"):
        respondents.invitation_run_start(survey=draft, round_number=0)


# --- results by system and organisation --------------------------------------------------------


def answered_survey(*, close=True):
    """Seven users of 재정정보체계 (six 육군, one 해군), three of 군수통합정보체계; closed (so
    released from the holding area, merged and sealed) unless ``close`` is False."""
    survey = build_external_survey(
        respondents=people(6)
        + people(1, organisation="해군", start=6)
        + people(3, system="군수통합정보체계", start=7)
    )
    for i, respondent in enumerate(ExternalRespondent.objects.filter(survey=survey).order_by("pk")):
        Client().post(respondent_link_path(respondent), answer_payload(survey, **{"lead-1": str(1 + i % 5)}))
    if close:
        survey_close(survey=survey)
    return survey


def test_results_by_system_and_organisation_hide_small_groups_and_their_complements():
    survey = answered_survey()
    result = survey_results(survey=survey)
    assert set(result["groups"]) == {"system", "organisation"}  # no department or grade
    systems = {g["key"]: g for g in result["groups"]["system"]}
    assert "군수통합정보체계" not in systems  # its three answers were merged into "미지정" at close
    assert all(g["suppressed"] or g.get("n", 0) >= 5 for g in systems.values())
    # With one system hidden the other would give it away by subtraction from the total.
    assert systems["재정정보체계"]["suppressed"] or result["overall"].get("suppressed")
    assert result["heatmap"]["dimension"] == "system"
    assert result["participation"] == {"audience": 10, "responses": 10, "response_rate": 100.0}
    hidden = survey_results(survey=survey, filters={"system": "군수통합정보체계"})
    assert hidden["suppressed"] and "n" not in str(hidden.get("overall", ""))


def test_the_export_shows_the_message_wherever_a_system_is_hidden():
    survey = answered_survey()
    book = load_workbook(io.BytesIO(survey_results_workbook(survey=survey)))
    assert "정보체계×영역" in book.sheetnames
    rows = list(book["정보체계×영역"].iter_rows(values_only=True))
    assert rows[0][0] == "정보체계"
    assert "군수통합정보체계" not in {r[0] for r in rows}  # merged into "미지정" at close
    for row in rows[1:]:  # a system under five, or one whose complement would be, shows the message
        assert row[0] == "재정정보체계" or all(cell == MESSAGE for cell in row[1:]), row
    filtered = load_workbook(
        io.BytesIO(survey_results_workbook(survey=survey, filters={"system": "군수통합정보체계"}))
    )
    assert [list(r) for r in filtered["요약"].iter_rows(values_only=True)][1] == [MESSAGE, None]


def test_closing_merges_small_systems_and_organisations_and_erases_links_from_the_outbox(
    django_capture_on_commit_callbacks,
):
    survey = answered_survey(close=False)
    with django_capture_on_commit_callbacks(execute=True):
        respondents.invitation_run_start(survey=survey, round_number=0)
    survey_close(survey=survey)
    cells = sorted(Response.objects.filter(survey=survey).values_list("system", "organisation"))
    assert set(cells) == {("재정정보체계", "육군"), ("", "")}
    assert cells.count(("", "")) == 4  # three 군수통합정보체계 users and the one 해군 user
    bodies = OutgoingMail.objects.filter(key__startswith=f"surveys.respondent.{survey.pk}.")
    assert bodies.exists() and not bodies.exclude(body="").exists()


def test_a_refused_link_is_logged_without_its_token(caplog):
    import logging

    from intranet.log_filters import SurveyLinksRedacted

    survey = build_external_survey(respondents=people(1))
    path = respondent_link_path(ExternalRespondent.objects.get(survey=survey))
    token = path.split("/")[-2]
    caplog.handler.addFilter(SurveyLinksRedacted())
    with caplog.at_level(logging.WARNING, logger="django.request"):
        Client().post(path, answer_payload(survey, **{"lead-1": "4"}))
        Client().post(path, answer_payload(survey, **{"lead-1": "4"}))  # 409, logged
        Client().get("/surveys/r/mistyped-token/")  # 404, logged
    assert "/surveys/r/…" in caplog.text
    assert token not in caplog.text and "mistyped-token" not in caplog.text


# --- the admin screen --------------------------------------------------------------------------


def test_a_survey_admin_uploads_the_list_and_queues_the_invitation(
    login_as, django_capture_on_commit_callbacks
):
    from intranet.roles import Role

    client = login_as(Role.SURVEY_ADMIN)
    survey = build_external_survey()
    screen = f"/admin/snippets/surveys/survey/respondents/{survey.pk}/"

    bad = client.post(screen, {"file": csv_upload("이메일\nnot-an-address\n")}, follow=True)
    assert "2행" in bad.content.decode() and "이메일 주소 형식" in bad.content.decode()
    assert not ExternalRespondent.objects.filter(survey=survey).exists()

    good = client.post(
        screen, {"file": csv_upload("이메일,정보체계\na@example.org,A\nb@example.org,A\n")}, follow=True
    )
    assert "2명을 더했습니다" in good.content.decode()
    assert ExternalRespondent.objects.filter(survey=survey).count() == 2

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        sent = client.post(f"/admin/snippets/surveys/survey/respondents/{survey.pk}/send/", follow=True)
    assert "초대 메일 2통을 발송 대기열에 넣었습니다" in sent.content.decode()
    assert len(callbacks) == 1 and not mail.outbox  # the worker sends, not the request
    assert InvitationRun.objects.get(survey=survey).round_number == 0
    assert "1차 독려 메일 보내기" in client.get(screen).content.decode()


def test_the_respondent_screen_is_only_for_external_surveys(login_as):
    from intranet.roles import Role
    from tests.surveys.builders import build_survey

    client = login_as(Role.SURVEY_ADMIN)
    staff_survey = build_survey(title="직원 설문")
    assert client.get(f"/admin/snippets/surveys/survey/respondents/{staff_survey.pk}/").status_code == 404


def test_a_launched_survey_cannot_switch_between_staff_and_an_uploaded_list():
    from django.core.exceptions import ValidationError

    survey = build_external_survey(respondents=people(1))
    survey.audience_external = False
    with pytest.raises(ValidationError, match="대상 방식"):
        survey.full_clean()


def test_the_results_page_filters_by_system_and_hides_a_small_one(login_as):
    from intranet.roles import Role

    survey = answered_survey()
    client = login_as(Role.SURVEY_ADMIN)
    page = client.get(f"/surveys/{survey.pk}/results/").content.decode()
    assert "정보체계 × 영역" in page and 'name="system"' in page and 'name="organisation"' in page
    assert 'name="grade"' not in page and 'name="department"' not in page
    # the three-user system was merged into "미지정" at close: not offered, not shown, not selectable
    assert "군수통합정보체계" not in page
    hidden = client.get(f"/surveys/{survey.pk}/results/", {"system": "군수통합정보체계"}).content.decode()
    assert "군수통합정보체계" not in hidden
