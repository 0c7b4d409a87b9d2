"""Small builders for survey tests: an area, bank questions, a survey with one section."""

import datetime

from django.utils import timezone

from intranet.surveys.models import Area, BankQuestion, QuestionKind, Section, Survey, SurveyQuestion


def build_survey(
    *, mode=Survey.Mode.ANONYMOUS, questions=None, status=Survey.Status.DRAFT, **fields
) -> Survey:
    """A survey open from yesterday to next week with the given bank questions (or a default set)."""
    now = timezone.now()
    survey = Survey.objects.create(
        title=fields.pop("title", "2025 조직문화 설문"),
        year=fields.pop("year", 2025),
        mode=mode,
        status=status,
        opens_at=fields.pop("opens_at", now - datetime.timedelta(days=1)),
        closes_at=fields.pop("closes_at", now + datetime.timedelta(days=7)),
        **fields,
    )
    section = Section.objects.create(survey=survey, title="리더십", order=1)
    if questions is None:
        leadership = Area.objects.get_or_create(code="leadership", defaults={"name": "리더십", "order": 1})[0]
        questions = [
            BankQuestion.objects.get_or_create(
                code="lead-1",
                defaults={"text": "상사는 나를 존중한다.", "kind": QuestionKind.LIKERT5, "area": leadership},
            )[0],
            BankQuestion.objects.get_or_create(
                code="free-1", defaults={"text": "하고 싶은 말", "kind": QuestionKind.TEXT}
            )[0],
        ]
    for order, bank in enumerate(questions):
        SurveyQuestion.objects.create(
            survey=survey,
            section=section,
            bank_question=bank,
            order=order,
            required=bank.kind != QuestionKind.TEXT,
        )
    return survey


def answer_payload(survey: Survey, **by_code) -> dict[str, object]:
    """Form-style data ``{"q<id>": value}`` from values keyed by bank question code."""
    payload = {}
    for question in survey.questions.select_related("bank_question"):
        if question.bank_question.code in by_code:
            payload[f"q{question.pk}"] = by_code[question.bank_question.code]
    return payload


def build_bound_survey(
    *, context_key="learning.course:1", mode=Survey.Mode.ANONYMOUS, codes=("lead-1", "free-1")
) -> Survey:
    """An open survey bound to another module's record (no audience yet), through the service,
    with the default bank questions of ``build_survey`` unless ``codes`` name others."""
    from intranet.surveys.services import survey_bound_open

    if not BankQuestion.objects.filter(code="lead-1").exists():
        build_survey(title="문항 마련")  # puts lead-1 and free-1 in the bank
    return survey_bound_open(
        context_key=context_key,
        title="과정 만족도",
        year=2025,
        mode=mode,
        bank_codes=list(codes),
        section_title="만족도",
        closes_at=timezone.now() + datetime.timedelta(days=30),
    )


def build_external_survey(*, respondents=(), status=Survey.Status.OPEN, **fields) -> Survey:
    """An external (system-users') survey with the default questions and the given respondents,
    ``(email, system, organisation)`` each; open unless ``status`` says otherwise."""
    from intranet.surveys.respondents import respondent_new

    survey = build_survey(
        title=fields.pop("title", "2025 정보체계 이용자 만족도 조사"), status=status, **fields
    )
    Survey.objects.filter(pk=survey.pk).update(audience_external=True)
    survey.audience_external = True
    for email, system, organisation in respondents:
        respondent_new(survey=survey, email=email, system=system, organisation=organisation).save()
    return survey


def respondent_link_path(respondent) -> str:
    """The path of a respondent's one-time link (what the mail holds, without the site address)."""
    from django.urls import reverse

    from intranet.surveys.respondents import respondent_token

    return reverse("surveys:respondent_answer", args=[respondent_token(respondent.nonce)])


def held_answers(survey: Survey) -> list[dict]:
    """The decrypted submissions an open anonymous survey holds (``holding``): each
    ``{"a": attributes, "q": [[question id, value, choices, text], ...]}``."""
    from intranet.surveys.holding import held_decrypt
    from intranet.surveys.models import HeldResponse

    blobs = HeldResponse.objects.filter(survey=survey).values_list("sealed", flat=True)
    return [held_decrypt(survey_id=survey.pk, blob=blob) for blob in blobs]


def held_values(survey: Survey) -> list:
    """Every held answer's value (scale point or choice index), as ``Answer.value`` would read."""
    return [
        value for payload in held_answers(survey) for _q, value, _c, _t in payload["q"] if value is not None
    ]
