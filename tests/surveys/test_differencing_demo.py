"""Issue 13 §1 on the demo: the 2025 culture survey's case (서버운영팀 minus its 7급) gives
nothing away, and its export shows what the page shows. The scale-1 agency and its surveys are
seeded once for the module, each test in a savepoint of its own."""

import pytest

from intranet.directory.models import Department
from intranet.registry import demo_seeders
from intranet.surveys.models import AudienceMember, Response, Survey
from intranet.surveys.results import survey_results
from tests.db_state import kept_for_the_module
from tests.surveys.differencing import attack, look

pytestmark = pytest.mark.django_db

TITLE_2025 = "2025년 내부직원 만족도 조사"


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker):
        demo_seeders["directory"].seed(scale=1)
        demo_seeders["surveys"].seed(scale=1)
        yield


@pytest.fixture
def seeded(seeded_once, db):
    """The scale-1 agency and its culture surveys, as seed_demo seeds them."""


def test_the_2025_demo_case_server_team_minus_its_grade_7(seeded):
    """서버운영팀 shows n = 11; 서버운영팀 + 7급 (n = 7) would give the other four away."""
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


def test_the_demo_export_shows_what_the_page_shows(seeded):
    survey = Survey.objects.get(title=TITLE_2025, year=2025)
    team = Department.objects.get(name="서버운영팀")
    from tests.surveys.differencing import Seen, _record_export

    seen = Seen()
    for filters in ({}, {"department": str(team.pk)}, {"department": str(team.pk), "grade": "7급"}):
        _record_export(seen, survey, filters, survey_results(survey=survey, filters=filters))
    assert seen.exports == 3
