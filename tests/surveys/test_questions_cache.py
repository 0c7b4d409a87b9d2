"""The answer page's questions are kept per process until a question or the bank changes."""

import pytest

from intranet.surveys import selectors
from intranet.surveys.models import BankQuestion, SurveyQuestion
from intranet.surveys.services import question_remove
from tests.surveys.builders import build_survey

pytestmark = pytest.mark.django_db


def test_questions_are_read_once_then_kept(django_assert_num_queries):
    survey = build_survey()
    with django_assert_num_queries(1):
        first = selectors.survey_questions(survey=survey)
    with django_assert_num_queries(0):
        again = selectors.survey_questions(survey=survey)
    assert [q.pk for q in again] == [q.pk for q in first] and len(first) == 2


def test_a_removed_question_is_gone_from_the_next_read():
    survey = build_survey()
    before = selectors.survey_questions(survey=survey)
    question_remove(question=before[0])
    after = selectors.survey_questions(survey=survey)
    assert [q.pk for q in after] == [before[1].pk]


def test_an_added_question_and_a_reworded_bank_question_show_at_once():
    survey = build_survey()
    before = selectors.survey_questions(survey=survey)
    bank = before[0].bank_question
    fresh = BankQuestion.objects.get(pk=bank.pk)
    fresh.text = "상사는 나의 의견을 존중한다."
    fresh.save()
    extra = BankQuestion.objects.create(
        code="lead-2", text="상사는 공정하다.", kind=bank.kind, area=bank.area
    )
    SurveyQuestion.objects.create(survey=survey, section=before[0].section, bank_question=extra, order=5)
    after = selectors.survey_questions(survey=survey)
    assert after[0].bank_question.text == "상사는 나의 의견을 존중한다."
    assert [q.bank_question.code for q in after][-1] == "lead-2" and len(after) == 3


def test_each_survey_has_its_own_questions():
    one, two = build_survey(), build_survey(title="두 번째")
    assert {q.survey_id for q in selectors.survey_questions(survey=one)} == {one.pk}
    assert {q.survey_id for q in selectors.survey_questions(survey=two)} == {two.pk}
