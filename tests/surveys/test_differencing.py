"""Issue 13 §1: no group under the threshold can be worked out from everything one viewer sees
(on generated surveys; the demo's own case: ``test_differencing_demo.py``)."""

import random

import pytest

from intranet.surveys.models import QuestionKind, Survey
from intranet.surveys.results import survey_results
from tests.surveys import factories as f
from tests.surveys.differencing import attack, look

pytestmark = pytest.mark.django_db

TITLE_2025 = "2025년 내부직원 만족도 조사"


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
