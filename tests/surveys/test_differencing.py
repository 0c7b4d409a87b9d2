"""Issue 13 §1: no group under the threshold can be worked out from everything one viewer sees."""

import random

import pytest

from intranet.directory.models import Department
from intranet.registry import demo_seeders
from intranet.surveys.models import AudienceMember, QuestionKind, Response, Survey
from intranet.surveys.results import survey_results
from tests.surveys import factories as f
from tests.surveys.differencing import attack, look

pytestmark = pytest.mark.django_db

TITLE_2025 = "2025년 내부직원 만족도 조사"


def test_the_2025_demo_case_server_team_minus_its_grade_7():
    """서버운영팀 shows n = 11; 서버운영팀 + 7급 (n = 7) would give the other four away."""
    demo_seeders["directory"].seed(scale=1)
    demo_seeders["surveys"].seed(scale=1)
    survey = Survey.objects.get(title=TITLE_2025, year=2025)
    team = Department.objects.get(name="서버운영팀")
    answered = AudienceMember.objects.filter(survey=survey, department=team, has_submitted=True)
    assert answered.count() == 11 and answered.filter(grade="7급").count() == 7  # the figures
    # Stored at close: the four would be a group of four, so the team keeps no grade at all.
    stored = Response.objects.filter(survey=survey, department=team)
    assert stored.count() == 11 and set(stored.values_list("grade", flat=True)) == {""}
    team_view = survey_results(survey=survey, filters={"department": str(team.pk)})
    assert team_view["participation"]["responses"] == 11 and team_view["overall"]["score"] is not None
    crossed = survey_results(survey=survey, filters={"department": str(team.pk), "grade": "7급"})
    assert crossed["suppressed"] and "overall" not in crossed
    seen = look(survey, exports=False)
    assert seen.requests > 100
    assert attack(survey, seen) == []


def test_the_demo_export_shows_what_the_page_shows():
    demo_seeders["directory"].seed(scale=1)
    demo_seeders["surveys"].seed(scale=1)
    survey = Survey.objects.get(title=TITLE_2025, year=2025)
    team = Department.objects.get(name="서버운영팀")
    from tests.surveys.differencing import Seen, _record_export

    seen = Seen()
    for filters in ({}, {"department": str(team.pk)}, {"department": str(team.pk), "grade": "7급"}):
        _record_export(seen, survey, filters, survey_results(survey=survey, filters=filters))
    assert seen.exports == 3


def _generated(seed: int) -> Survey:
    """Departments of 1–14 people over three grades and two contexts, an optional question
    skipped by some, free text from most: the small cells the attacker looks for."""
    rng = random.Random(seed)
    lead = f.area("leadership", 1)
    growth = f.area("growth", 2)
    questions = [
        f.bank("g-l1", area=lead),
        f.bank("g-g1", area=growth),
        f.bank("g-pick", kind=QuestionKind.SINGLE, choices=["가", "나", "다"]),
        f.bank("g-text", kind=QuestionKind.TEXT),
    ]
    survey = f.survey(questions)
    survey.questions.filter(bank_question__code="g-g1").update(required=False)
    departments = [f.department(f"G{seed}{i}", order=i) for i in range(rng.randint(3, 5))]
    serial = 0
    for dept in departments:
        for grade in ("5급", "6급", "7급"):
            for _ in range(rng.choice([0, 1, 2, 3, 4, 6, 9])):
                serial += 1
                answers = {"g-l1": rng.randint(1, 5), "g-pick": rng.randint(0, 2), "g-text": f"의견 {serial}"}
                if rng.random() < 0.7:
                    answers["g-g1"] = rng.randint(1, 5)
                f.respond(survey, answers, dept=dept, grade=grade)
    return survey


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_generated_surveys_give_nothing_away(seed):
    survey = _generated(seed)
    seen = look(survey)
    assert attack(survey, seen) == []
    assert seen.figures["n"], "the attacker saw something: the test is not vacuous"


def test_the_attacker_catches_the_old_rule():
    """The attacker is real: shown the issue's two figures, it finds the four."""
    from tests.surveys.differencing import Seen

    team = f.department("SRV")
    lead = f.area("leadership", 1)
    survey = f.survey([f.bank("s-l1", area=lead)])
    f.respond(survey, {"s-l1": 4}, dept=team, grade="7급", times=7)
    f.respond(survey, {"s-l1": 2}, dept=team, grade="6급", times=4)
    seen = Seen()
    team_key, crossed_key = (("department", str(team.pk)),), (("department", str(team.pk)), ("grade", "7급"))
    seen.figures["overall"][team_key] = (11, (11 * 100 * (7 * 0.75 + 4 * 0.25) / 11,))
    seen.figures["overall"][crossed_key] = (7, (7 * 75.0,))
    found = attack(survey, seen)
    assert ("difference", "overall", team_key, (crossed_key,), 4) in found
    # and the engine does not show the second figure
    assert survey_results(survey=survey, filters={"department": team.pk, "grade": "7급"})["suppressed"]
