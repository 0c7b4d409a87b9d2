import datetime

import pytest
from django.utils import timezone

from intranet.home.models import Notification
from intranet.surveys.models import AudienceMember, Response, Survey
from intranet.surveys.services import (
    SurveyError,
    question_remove,
    survey_draft_save,
    survey_launch,
    survey_reminders_send,
    survey_submit,
)
from tests.factories import DepartmentFactory, StaffFactory
from tests.surveys.builders import answer_payload, build_bound_survey, build_survey, held_answers, held_values

pytestmark = pytest.mark.django_db


@pytest.fixture
def team():
    department = DepartmentFactory(name="정보체계팀")
    return [StaffFactory(department=department, grade="5급") for _ in range(6)]


def test_launch_freezes_department_and_grade(team):
    survey = build_survey()
    assert survey_launch(survey=survey) == 6
    moved = team[0]
    moved.department = DepartmentFactory(name="다른팀")
    moved.grade = "4급"
    moved.save()
    member = AudienceMember.objects.get(survey=survey, staff=moved)
    assert (member.department, member.grade) == (team[1].department, "5급")
    survey_submit(survey=survey, staff=moved, raw=answer_payload(survey, **{"lead-1": 4}))
    [held] = held_answers(survey)  # held, encrypted, until the close
    assert (held["a"]["department"], held["a"]["grade"]) == (team[1].department_id, "5급")


def test_launch_twice_or_empty_is_refused(team):
    survey = build_survey()
    survey_launch(survey=survey)
    with pytest.raises(SurveyError):
        survey_launch(survey=survey)
    empty = build_survey(questions=[])
    with pytest.raises(SurveyError, match="문항이 없는"):
        survey_launch(survey=empty)


def test_audience_by_department(team):
    other = StaffFactory(department=DepartmentFactory(name="홍보팀"))
    survey = build_survey(audience_all=False)
    survey.audience_departments.add(team[0].department)
    survey_launch(survey=survey)
    assert not AudienceMember.objects.filter(staff=other).exists()
    with pytest.raises(SurveyError, match="대상자가 아닙니다"):
        survey_submit(survey=survey, staff=other, raw=answer_payload(survey, **{"lead-1": 5}))


def test_second_submission_is_refused_and_first_kept(team):
    survey = build_survey()
    survey_launch(survey=survey)
    survey_submit(survey=survey, staff=team[0], raw=answer_payload(survey, **{"lead-1": 2}))
    with pytest.raises(SurveyError, match="이미 응답을 제출"):
        survey_submit(survey=survey, staff=team[0], raw=answer_payload(survey, **{"lead-1": 5}))
    assert held_values(survey) == [2]


@pytest.mark.parametrize("mode", [Survey.Mode.ANONYMOUS, Survey.Mode.IDENTIFIED])
def test_a_row_read_before_the_first_submission_is_refused_all_the_same(team, mode):
    """The answer page reads the audience row before the service runs (no lock) and hands it
    over: a second tab or a replay that read it before the first submission committed still
    finds it submitted when it writes, and neither its answers nor a draft are kept."""
    survey = build_survey(mode=mode)
    survey_launch(survey=survey)
    stale = AudienceMember.objects.get(survey=survey, staff=team[0])
    survey_submit(survey=survey, staff=team[0], raw=answer_payload(survey, **{"lead-1": 2}), member=stale)
    assert stale.has_submitted
    stale = AudienceMember.objects.get(survey=survey, staff=team[0])
    stale.has_submitted = False  # as read before the first one committed
    payload = answer_payload(survey, **{"lead-1": 5})
    with pytest.raises(SurveyError, match="한 사람은 한 번만"):
        survey_submit(survey=survey, staff=team[0], raw=payload, member=stale)
    with pytest.raises(SurveyError, match="제출한 응답은 바꿀 수 없습니다"):
        survey_draft_save(survey=survey, staff=team[0], raw=payload, member=stale)
    member = AudienceMember.objects.get(survey=survey, staff=team[0])
    assert member.has_submitted and member.draft == {}
    if mode == Survey.Mode.ANONYMOUS:
        assert held_values(survey) == [2]
    else:
        assert Response.objects.filter(survey=survey).count() == 1
        assert list(Response.objects.get(survey=survey).answers.values_list("value", flat=True)) == [2]


def test_closed_survey_refuses_answers(team):
    survey = build_survey(
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
        opens_at=timezone.now() - datetime.timedelta(days=3),
    )
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)
    survey.refresh_from_db()
    with pytest.raises(SurveyError, match="응답 기간이 아닌"):
        survey_submit(survey=survey, staff=team[0], raw={})


def test_required_and_out_of_range_answers_are_marked(team):
    survey = build_survey()
    survey_launch(survey=survey)
    question = survey.questions.get(bank_question__code="lead-1")
    with pytest.raises(SurveyError) as empty:
        survey_submit(survey=survey, staff=team[0], raw={})
    assert "필수 문항" in str(empty.value.message_dict[f"q{question.pk}"])
    with pytest.raises(SurveyError) as bad:
        survey_submit(survey=survey, staff=team[0], raw={f"q{question.pk}": "9"})
    assert f"q{question.pk}" in bad.value.message_dict
    assert not Response.objects.exists()


def test_draft_is_kept_then_erased_on_submit(team):
    survey = build_survey()
    survey_launch(survey=survey)
    payload = answer_payload(survey, **{"lead-1": 3})
    survey_draft_save(survey=survey, staff=team[0], raw=payload)
    member = AudienceMember.objects.get(survey=survey, staff=team[0])
    assert member.draft == payload
    survey_submit(survey=survey, staff=team[0], raw=payload)
    member.refresh_from_db()
    assert member.draft == {} and member.has_submitted


def test_identified_mode_links_respondent(team):
    survey = build_survey(mode=Survey.Mode.IDENTIFIED)
    survey_launch(survey=survey)
    response = survey_submit(
        survey=survey,
        staff=team[0],
        raw=answer_payload(survey, **{"lead-1": 4}),
        context_key="learning.session:7",
    )
    assert (response.respondent, response.context_key) == (team[0], "learning.session:7")


def test_anonymous_mode_ignores_context_and_respondent(team):
    survey = build_survey()
    survey_launch(survey=survey)
    response = survey_submit(
        survey=survey, staff=team[0], raw=answer_payload(survey, **{"lead-1": 4}), context_key="x"
    )
    assert response is None and not Response.objects.exists()  # held until the close
    [held] = held_answers(survey)
    assert held["a"]["context"] == "" and "respondent" not in held["a"]


def test_reminders_go_to_non_respondents_once_per_round(team):
    survey = build_survey()
    survey_launch(survey=survey)
    survey_submit(survey=survey, staff=team[0], raw=answer_payload(survey, **{"lead-1": 4}))
    assert survey_reminders_send(survey=survey, round_number=1) == 5
    assert survey_reminders_send(survey=survey, round_number=1) == 0
    assert not Notification.objects.filter(recipient=team[0]).exists()
    assert Notification.objects.filter(recipient=team[1]).count() == 1


def test_question_with_answers_is_archived_not_deleted(team):
    survey = build_survey()
    survey_launch(survey=survey)
    survey_submit(survey=survey, staff=team[0], raw=answer_payload(survey, **{"lead-1": 4}))
    question = survey.questions.get(bank_question__code="lead-1")
    assert question_remove(question=question) == "archived"
    question.refresh_from_db()
    assert question.is_archived
    unanswered = survey.questions.get(bank_question__code="free-1")
    assert question_remove(question=unanswered) == "deleted"


def test_question_section_must_belong_to_its_survey(team):
    from django.core.exceptions import ValidationError

    first, second = build_survey(), build_survey(title="다른 설문")
    question = first.questions.first()
    question.section = second.sections.first()
    with pytest.raises(ValidationError, match="같은 설문의 구역"):
        question.full_clean()


# --- surveys bound to another module's record -------------------------------------------------------


def test_bound_survey_opens_with_bank_questions_and_no_audience():
    survey = build_bound_survey()
    assert survey.status == Survey.Status.OPEN and survey.is_accepting_answers()
    assert [q.bank_question.code for q in survey.questions.order_by("order")] == ["lead-1", "free-1"]
    assert [q.required for q in survey.questions.order_by("order")] == [True, False]
    assert not survey.audience.exists() and not survey.audience_all
    with pytest.raises(SurveyError, match="문항 은행에 없는 문항입니다: nope"):
        build_bound_survey(context_key="learning.course:2", codes=("lead-1", "nope"))
    assert Survey.objects.filter(context_key="learning.course:2").count() == 0


def test_audience_add_freezes_groups_skips_people_already_in_and_extends_the_close(team):
    from intranet.surveys.services import survey_audience_add

    survey = build_bound_survey()
    before = survey.closes_at
    assert survey_audience_add(survey=survey, members=[(p, "learning.session:1") for p in team[:4]]) == 4
    first_row = AudienceMember.objects.get(survey=survey, staff=team[0])
    team[0].grade = "4급"
    team[0].save()
    later = before + datetime.timedelta(days=20)
    added = survey_audience_add(
        survey=survey,
        members=[(p, "learning.session:2") for p in team[2:]],
        closes_at_least=later,
    )
    assert added == 2  # team[2] and team[3] were in already and keep their first group
    rows = dict(AudienceMember.objects.filter(survey=survey).values_list("staff_id", "context_key"))
    assert [rows[p.pk] for p in team] == ["learning.session:1"] * 4 + ["learning.session:2"] * 2
    assert AudienceMember.objects.get(pk=first_row.pk).grade == "5급"
    survey.refresh_from_db()
    assert survey.closes_at == later
    survey_audience_add(survey=survey, members=[], closes_at_least=before)  # never earlier
    survey.refresh_from_db()
    assert survey.closes_at == later


def test_audience_add_refuses_unbound_or_closed_surveys(team):
    from intranet.surveys.services import survey_audience_add

    culture = build_survey(status=Survey.Status.OPEN)
    with pytest.raises(SurveyError, match="연결된 설문에만"):
        survey_audience_add(survey=culture, members=[(team[0], "x:1")])
    bound = build_bound_survey()
    Survey.objects.filter(pk=bound.pk).update(status=Survey.Status.CLOSED)
    with pytest.raises(SurveyError, match="진행 중인 설문에만"):
        survey_audience_add(survey=bound, members=[(team[0], "x:1")])
    assert not AudienceMember.objects.exists()


@pytest.mark.parametrize("mode", [Survey.Mode.ANONYMOUS, Survey.Mode.IDENTIFIED])
def test_response_carries_the_members_context_group_in_both_modes(team, mode):
    from intranet.surveys.services import survey_audience_add

    survey = build_bound_survey(mode=mode)
    survey_audience_add(survey=survey, members=[(team[0], "learning.session:9")])
    rows_before = AudienceMember.objects.count()
    response = survey_submit(
        survey=survey, staff=team[0], raw=answer_payload(survey, **{"lead-1": 5}), context_key="ignored"
    )
    if mode == Survey.Mode.ANONYMOUS:
        assert response is None
        [held] = held_answers(survey)
        assert held["a"]["context"] == "learning.session:9"
    else:
        assert response.context_key == "learning.session:9" and response.respondent == team[0]
    assert AudienceMember.objects.count() == rows_before  # nothing inserted on the identity side


def test_submission_and_close_change_the_result_version(team):
    """The version's cached counts follow the real writers: a submission (the ``Response``
    receiver, identified mode), the launch (``results_counts_changed`` after its bulk insert) and
    the close (an anonymous survey's held answers released)."""
    from intranet.surveys import results
    from intranet.surveys.services import survey_close

    survey = build_survey()
    survey_launch(survey=survey)
    launched = results.results_version(survey)
    assert ":r0:" in launched and f":a{len(team)}" in launched
    survey_submit(survey=survey, staff=team[0], raw=answer_payload(survey, **{"lead-1": 3}))
    assert ":r0:" in results.results_version(survey)  # held, encrypted: nothing to count yet
    survey_close(survey=survey)
    closed = results.results_version(survey)
    assert ":r1:" in closed and ":closed:" in closed
    identified = build_survey(mode=Survey.Mode.IDENTIFIED, title="실명")
    survey_launch(survey=identified)
    survey_submit(survey=identified, staff=team[1], raw=answer_payload(identified, **{"lead-1": 3}))
    assert ":r1:" in results.results_version(identified)
