"""The demo culture surveys: the report's figures (86.23 → 86.4, leadership first in 2025) come
out exactly, computed here independently from the Answer rows, the same every time, and once.
Every test here starts from the seeded agency; the seeder from an empty database:
``test_demo_from_empty.py``."""

import statistics
from collections import Counter, defaultdict

import pytest

from intranet.directory.models import Staff
from intranet.registry import demo_seeders
from intranet.surveys import demo
from intranet.surveys.models import (
    Answer,
    Area,
    AudienceMember,
    BankQuestion,
    ImprovementTask,
    QuestionKind,
    Response,
    Section,
    Survey,
    SurveyQuestion,
)
from tests.db_state import kept_for_the_module

pytestmark = pytest.mark.django_db

TITLE_2024 = "2024년 내부직원 만족도 조사"
TITLE_2025 = "2025년 내부직원 만족도 조사"
POINTS = {QuestionKind.LIKERT5: 5, QuestionKind.LIKERT7: 7}


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    """The scale-1 agency from the directory's seeder, then the surveys' seeder, as seed_demo runs
    them: once for the module (seeding is the slow part), each test in a savepoint of its own."""
    with kept_for_the_module(django_db_blocker):
        demo_seeders["directory"].seed(scale=1)
        yield demo_seeders["surveys"].seed(scale=1)


@pytest.fixture
def seeded(seeded_once, db):
    return seeded_once


def surveys() -> tuple[Survey, Survey]:
    return Survey.objects.get(title=TITLE_2024, year=2024), Survey.objects.get(title=TITLE_2025, year=2025)


def scores(survey: Survey) -> tuple[float, dict[str, float], dict]:
    """Overall, per area and per department, by the results definition, in plain Python:
    each respondent's mean item score (k-point answer → (v − 1)/(k − 1) · 100), then the mean
    over respondents."""
    rows = Answer.objects.filter(
        response__survey=survey, question__bank_question__kind__in=list(POINTS), question__is_archived=False
    ).values_list(
        "response_id",
        "response__department_id",
        "question__bank_question__kind",
        "question__bank_question__area__code",
        "value",
    )
    by_person = defaultdict(list)
    by_area = defaultdict(lambda: defaultdict(list))
    department_of = {}
    for rid, department, kind, area, value in rows:
        score = (value - 1) / (POINTS[kind] - 1) * 100
        by_person[rid].append(score)
        by_area[area][rid].append(score)
        department_of[rid] = department
    person_means = {rid: statistics.fmean(v) for rid, v in by_person.items()}
    overall = statistics.fmean(person_means.values())
    areas = {
        a: statistics.fmean(statistics.fmean(v) for v in people.values()) for a, people in by_area.items()
    }
    by_department = defaultdict(list)
    for rid, mean in person_means.items():
        by_department[department_of[rid]].append(mean)
    return overall, areas, by_department


def test_overall_scores_are_the_reports_figures(seeded):
    survey_2024, survey_2025 = surveys()
    overall_2024, _areas, _d = scores(survey_2024)
    overall_2025, _areas, _d = scores(survey_2025)
    assert round(overall_2024, 2) == 86.23
    assert round(overall_2025, 2) == 86.4
    # By construction: within half a one-point step of the target, well inside the rounding window.
    assert abs(overall_2024 - 86.23) < 0.003
    assert abs(overall_2025 - 86.4) < 0.003
    assert round(round(overall_2025, 2) - round(overall_2024, 2), 2) == 0.17
    assert seeded.figures[2024][0] == pytest.approx(overall_2024, abs=1e-9)
    assert seeded.figures[2025][0] == pytest.approx(overall_2025, abs=1e-9)


def test_results_engine_agrees(seeded):
    results = pytest.importorskip("intranet.surveys.results")
    survey_2024, survey_2025 = surveys()
    current = results.survey_results_compute(survey_id=survey_2025.pk)
    previous = results.survey_results_compute(survey_id=survey_2024.pk)
    assert previous["overall"]["score"] == 86.23
    assert current["overall"]["score"] == 86.4
    assert current["areas"][0]["code"] == "leadership"
    assert current["comparison"]["overall"]["delta"] == 0.17
    statuses = Counter(q["status"] for q in current["comparison"]["questions"])
    assert statuses["method_changed"] == 1
    assert statuses["new"] == 3  # two new scale items and the new multiple-choice question
    assert statuses["matched"] >= 30


def test_leadership_first_in_2025_and_realistic_spread(seeded):
    survey_2024, survey_2025 = surveys()
    _overall, areas_2025, departments = scores(survey_2025)
    ranked = sorted(areas_2025.items(), key=lambda item: -item[1])
    assert ranked[0][0] == "leadership"
    assert ranked[0][1] - ranked[1][1] >= 1.0
    assert len(areas_2025) == 6
    # Some areas well below the overall, none at the ceiling.
    assert 70 <= min(areas_2025.values()) < 82
    assert max(areas_2025.values()) < 95
    _overall, areas_2024, _d = scores(survey_2024)
    assert areas_2024["leadership"] < areas_2025["leadership"]
    # Departments differ (groups of at least 5, as the results page would show them).
    shown = [statistics.fmean(v) for v in departments.values() if len(v) >= 5]
    assert max(shown) - min(shown) >= 5
    # Every point of the scale is used, and not everyone answers 5.
    values = Counter(
        Answer.objects.filter(
            response__survey=survey_2025, question__bank_question__kind=QuestionKind.LIKERT5
        ).values_list("value", flat=True)
    )
    assert set(values) == {1, 2, 3, 4, 5}
    assert 0.35 < values[5] / values.total() < 0.7


def test_about_forty_questions_with_lineage(seeded):
    survey_2024, survey_2025 = surveys()
    # (the course-feedback areas of learning's data migration are not the culture survey's)
    assert list(Area.objects.exclude(code__startswith="course-").values_list("code", flat=True)) == [
        "leadership",
        "communication",
        "environment",
        "growth",
        "welfare",
        "culture",
    ]
    banks_2024 = set(survey_2024.questions.values_list("bank_question_id", flat=True))
    banks_2025 = set(survey_2025.questions.values_list("bank_question_id", flat=True))
    assert 38 <= len(banks_2024) <= 44
    assert 38 <= len(banks_2025) <= 44
    assert len(banks_2024 & banks_2025) >= 30
    in_2025 = BankQuestion.objects.filter(pk__in=banks_2025 - banks_2024)
    reworded = in_2025.filter(continues__in=banks_2024, method_changed=False)
    changed = in_2025.filter(continues__in=banks_2024, method_changed=True)
    new = in_2025.filter(continues=None)
    assert reworded.count() >= 3
    assert changed.count() == 1
    assert new.count() >= 2
    enps = BankQuestion.objects.get(kind=QuestionKind.ENPS)
    assert enps.text == "우리 기관을 친구에게 직장으로 추천하시겠습니까?"
    for survey in (survey_2024, survey_2025):
        kinds = Counter(survey.questions.values_list("bank_question__kind", flat=True))
        assert kinds[QuestionKind.TEXT] == 2
        assert kinds[QuestionKind.ENPS] == 1
        assert kinds[QuestionKind.SINGLE] >= 1 and kinds[QuestionKind.MULTIPLE] >= 1
        assert kinds[QuestionKind.LIKERT5] >= 30
        scored = survey.questions.filter(bank_question__kind__in=list(POINTS))
        assert not scored.filter(bank_question__area=None).exists()
        assert Section.objects.filter(survey=survey).count() == 7
    assert survey_2025.previous == survey_2024


def test_audience_frozen_and_about_85_percent_answered(seeded):
    for survey in surveys():
        assert survey.status == Survey.Status.CLOSED and survey.is_anonymous
        opens = survey.opens_at.date()
        employed = Staff.objects.filter(is_active=True, hired_on__lte=opens).count()
        members = AudienceMember.objects.filter(survey=survey)
        assert members.count() == employed
        submitted = members.filter(has_submitted=True)
        responses = Response.objects.filter(survey=survey)
        assert responses.count() == submitted.count()
        assert 0.8 <= responses.count() / members.count() <= 0.9
        assert not responses.exclude(respondent=None).exists()
        assert not responses.filter(submitted_on__lt=opens).exists()
        assert not responses.filter(submitted_on__gt=survey.closes_at.date()).exists()
        # Sealed at close (anonymity.survey_answers_seal): the frozen department and grade travel
        # with a response only where at least 5 share them; a department of 5 or more keeps its
        # name, and every response carries the closing date.
        stored = Counter(responses.values_list("department_id", "grade"))
        assert all(n >= 5 for n in stored.values()), stored
        per_department = Counter(submitted.values_list("department_id", flat=True))
        kept = Counter(responses.values_list("department_id", flat=True))
        assert all(kept[d] == n for d, n in per_department.items() if d in kept and d is not None)
        assert sum(n for d, n in per_department.items() if n >= 5) >= 0.8 * responses.count()
        assert set(responses.values_list("submitted_on", flat=True)) == {survey.closes_at.date()}
        required = survey.questions.filter(required=True).count()
        per_response = Counter(
            Answer.objects.filter(response__survey=survey, question__required=True).values_list(
                "response_id", flat=True
            )
        )
        assert set(per_response.values()) == {required}
        assert len(per_response) == responses.count()


def test_free_text_for_a_share_of_respondents_without_names(seeded):
    survey_2024, survey_2025 = surveys()
    names = set(Staff.objects.values_list("name", flat=True))
    for survey in (survey_2024, survey_2025):
        texts = list(
            Answer.objects.filter(response__survey=survey, question__bank_question__kind=QuestionKind.TEXT)
            .exclude(text="")
            .values_list("text", flat=True)
        )
        responses = Response.objects.filter(survey=survey).count()
        assert 0.3 <= len(texts) / responses <= 1.0
        assert len(set(texts)) >= 20
        assert not [t for t in texts if any(name in t for name in names)]


def test_improvement_tasks_follow_up_the_2024_survey(seeded):
    survey_2024, _survey_2025 = surveys()
    tasks = ImprovementTask.objects.filter(survey=survey_2024)
    assert tasks.count() >= 5
    done = tasks.filter(status=ImprovementTask.Status.DONE)
    assert done.filter(published_at__isnull=False).count() >= 3
    assert tasks.exclude(status=ImprovementTask.Status.DONE).exists()
    assert len(set(tasks.values_list("area__code", flat=True))) >= 4
    assert not tasks.filter(owner__is_active=False).exists()


def snapshot() -> dict:
    """Every survey row as plain values, without the random keys."""
    answers = defaultdict(list)
    for rid, code, value, choices, text in Answer.objects.values_list(
        "response_id", "question__bank_question__code", "value", "choices", "text"
    ):
        answers[rid].append((code, value, tuple(choices), text))
    responses = sorted(
        (survey, department or "", grade, day.isoformat(), tuple(sorted(answers[rid])))
        for rid, survey, department, grade, day in Response.objects.values_list(
            "id", "survey__title", "department__code", "grade", "submitted_on"
        )
    )
    return {
        "areas": list(Area.objects.values_list("code", "name", "order")),
        "bank": list(
            BankQuestion.objects.order_by("code").values_list(
                "code",
                "text",
                "kind",
                "area__code",
                "choices",
                "continues__code",
                "method_changed",
                "is_archived",
            )
        ),
        "surveys": list(
            Survey.objects.order_by("year").values_list(
                "title",
                "year",
                "status",
                "opens_at",
                "closes_at",
                "previous__title",
                "created_by__employee_number",
            )
        ),
        "questions": sorted(
            SurveyQuestion.objects.values_list(
                "survey__title", "section__title", "bank_question__code", "order", "required"
            )
        ),
        "audience": sorted(
            AudienceMember.objects.values_list(
                "survey__title", "staff__employee_number", "department__code", "grade", "has_submitted"
            )
        ),
        "responses": responses,
        "tasks": sorted(
            ImprovementTask.objects.values_list(
                "survey__title", "area__code", "title", "department__code", "owner__employee_number", "status"
            )
        ),
    }


def delete_survey_demo() -> None:
    ImprovementTask.objects.all().delete()
    Answer.objects.all().delete()
    Response.objects.all().delete()
    SurveyQuestion.objects.all().delete()  # questions protect their sections
    Survey.objects.all().delete()  # sections and audience go with it
    culture = BankQuestion.objects.exclude(code__startswith="course-")  # the migration's stay
    while culture.exists():  # reworded questions protect the ones they continue
        culture.filter(continued_by__isnull=True).delete()
    Area.objects.exclude(code__startswith="course-").delete()


def test_second_run_adds_nothing(seeded):
    before = snapshot()
    again = demo.seed(scale=1)
    assert (
        again.areas_created,
        again.bank_created,
        again.surveys_created,
        again.responses_created,
        again.answers_created,
        again.tasks_created,
    ) == (0, 0, 0, 0, 0, 0)
    assert snapshot() == before


def test_two_runs_from_empty_give_identical_rows(seeded):
    first = snapshot()
    delete_survey_demo()
    demo.seed(scale=1)
    assert snapshot() == first


def test_plan_is_deterministic_and_independent_of_response_keys():
    members = [
        demo.Member(i, i // 10, f"A{1 + i % 6}{(i // 6) % 5 + 1:02d}", ["5급", "6급", "7급", "9급"][i % 4])
        for i in range(400)
    ]
    spec = demo.SURVEYS[1]
    first, again = demo.plan_survey(spec, members), demo.plan_survey(spec, members)
    assert first == again
    specs = [demo.BANK_BY_CODE[c] for c in spec.codes]
    assert round(demo.overall_score(first, specs), 2) == 86.4
