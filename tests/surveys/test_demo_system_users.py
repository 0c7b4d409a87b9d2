"""The demo's system-users' surveys reproduce the report (§5): 2,278 → 12,575 respondents and a
9.2-point rise, through the results engine, with the redesign visible in the lineage."""

import dataclasses

import pytest

from intranet.surveys import demo_system_users as demo
from intranet.surveys.models import ExternalRespondent, Response, Survey
from intranet.surveys.results import survey_results

pytestmark = pytest.mark.django_db


def test_seed_demo_in_tests_seeds_a_fraction_the_rounding_still_holds(settings):
    assert settings.IEUM_DEMO_SYSTEM_SURVEY_FRACTION == 0.12
    for spec in demo.SYSTEM_SURVEYS:
        shrunk = dataclasses.replace(spec, respondents=round(spec.respondents * 0.12))
        _people, rows = demo.plan_answers(shrunk)
        assert round(demo.overall_of(rows), 2) == spec.target


def test_the_specs_are_the_reports_figures():
    assert (demo.SURVEY_2024.respondents, demo.SURVEY_2025.respondents) == (2278, 12575)
    assert round(demo.SURVEY_2025.target - demo.SURVEY_2024.target, 2) == demo.REPORT_CHANGE == 9.2
    assert len(demo.SURVEY_2025.items) == 40


@pytest.mark.parametrize("respondents", [150, 997])
def test_the_planned_answers_hit_the_target_at_any_size(respondents):
    spec = dataclasses.replace(demo.SURVEY_2025, respondents=respondents)
    people, rows = demo.plan_answers(spec)
    assert len(people) == len(rows) == respondents
    assert round(demo.overall_of(rows), 2) == spec.target
    assert all(1 <= v <= 5 for row in rows for v in row)


def test_too_few_respondents_for_the_rounding_are_refused():
    with pytest.raises(ValueError, match="너무 적어"):
        demo.plan_answers(dataclasses.replace(demo.SURVEY_2024, respondents=100))


def test_seeded_surveys_show_the_change_through_the_engine(monkeypatch, settings):
    settings.IEUM_DEMO_SYSTEM_SURVEY_FRACTION = 1.0
    small = (
        dataclasses.replace(demo.SURVEY_2024, respondents=500),
        dataclasses.replace(demo.SURVEY_2025, respondents=300),
    )
    monkeypatch.setattr(demo, "SYSTEM_SURVEYS", small)
    made = demo.seed()
    assert len(made) == 2 and demo.seed() == []  # idempotent
    current = Survey.objects.get(title=demo.SURVEY_2025.title)
    assert current.audience_external and current.previous.title == demo.SURVEY_2024.title
    assert (
        ExternalRespondent.objects.filter(survey=current).count()
        == Response.objects.filter(survey=current).count()
        == 300
    )
    result = survey_results(survey=current)
    assert result["overall"]["score"] == demo.SURVEY_2025.target
    assert result["comparison"]["overall"] == {"previous": 76.4, "current": 85.6, "delta": 9.2}
    statuses = {q["code"]: q["status"] for q in result["comparison"]["questions"]}
    assert statuses["sys25-q01"] == "matched" and statuses["sys25-q03"] == "method_changed"
    assert statuses["sys25-q04"] == "new"
    assert set(result["groups"]) == {"system", "organisation"}
