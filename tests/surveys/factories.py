"""Direct row builders for results tests: areas, bank questions, surveys, audience, responses.

Responses are written with ``bulk_create`` (not through ``survey_submit``) so that a test can
lay out exactly who answered what, in any department and grade, quickly; like every bulk writer
of the application they then call ``results_counts_changed`` (``intranet/surveys/counts.py``).
"""

import datetime
import itertools

from django.utils import timezone

from intranet.directory.models import Department, Staff
from intranet.surveys.counts import results_counts_changed
from intranet.surveys.models import (
    Answer,
    Area,
    AudienceMember,
    BankQuestion,
    QuestionKind,
    Response,
    Section,
    Survey,
    SurveyQuestion,
)

_numbers = itertools.count(1)


def area(code: str, order: int = 0, name: str | None = None) -> Area:
    return Area.objects.get_or_create(code=code, defaults={"name": name or code, "order": order})[0]


def bank(code: str, kind=QuestionKind.LIKERT5, area=None, **fields) -> BankQuestion:
    fields.setdefault("text", f"{code} 문항")
    if kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        fields.setdefault("choices", ["가", "나", "다"])
    return BankQuestion.objects.create(code=code, kind=kind, area=area, **fields)


def department(code: str, name: str | None = None, order: int = 0) -> Department:
    return Department.objects.get_or_create(code=code, defaults={"name": name or code, "sort_order": order})[
        0
    ]


def survey(questions, *, year=2025, previous=None, status=Survey.Status.CLOSED, **fields) -> Survey:
    """A survey with one section holding ``questions`` (bank questions) in order."""
    now = timezone.now()
    made = Survey.objects.create(
        title=fields.pop("title", f"{year} 조직문화 설문"),
        year=year,
        previous=previous,
        status=status,
        opens_at=now - datetime.timedelta(days=10),
        closes_at=now + datetime.timedelta(days=10),
        **fields,
    )
    section = Section.objects.create(survey=made, title="본문", order=1)
    SurveyQuestion.objects.bulk_create(
        SurveyQuestion(survey=made, section=section, bank_question=b, order=i)
        for i, b in enumerate(questions)
    )
    return made


def audience(survey: Survey, dept: Department | None, count: int, grade: str = "5급") -> None:
    """``count`` people of one department frozen into the audience."""
    staff = Staff.objects.bulk_create(
        Staff(employee_number=f"R{next(_numbers):07d}", name="응답자", department=dept, grade=grade)
        for _ in range(count)
    )
    AudienceMember.objects.bulk_create(
        AudienceMember(survey=survey, staff=s, department=dept, grade=grade) for s in staff
    )
    results_counts_changed(survey.pk)


def respond(survey: Survey, answers: dict, *, dept=None, grade="5급", context_key="", times: int = 1) -> None:
    """``times`` identical responses; ``answers`` maps bank code → value, list (multiple) or text."""
    by_code = {q.bank_question.code: q for q in survey.questions.select_related("bank_question")}
    responses = Response.objects.bulk_create(
        Response(
            survey=survey,
            submitted_on=timezone.localdate(),
            department=dept,
            grade=grade,
            context_key=context_key,
        )
        for _ in range(times)
    )
    rows = []
    for response in responses:
        for code, value in answers.items():
            question = by_code[code]
            if isinstance(value, list):
                rows.append(Answer(response=response, question=question, choices=value))
            elif isinstance(value, str):
                rows.append(Answer(response=response, question=question, text=value))
            else:
                rows.append(Answer(response=response, question=question, value=value))
    Answer.objects.bulk_create(rows)
    results_counts_changed(survey.pk)
