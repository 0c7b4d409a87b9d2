"""The survey list: open surveys always, past surveys and results links by year (``?year=``,
default the latest year with surveys), so last year's results stay a click away."""

import datetime as dt

import pytest
from django.utils import timezone

from intranet.roles import Role
from intranet.surveys.models import Survey
from intranet.surveys.services import survey_launch
from tests.factories import staff_with_login
from tests.surveys.builders import build_survey

pytestmark = pytest.mark.django_db


def test_results_links_by_year_with_the_open_survey_always_listed(client):
    leader = staff_with_login(roles=[Role.LEADER])
    client.force_login(leader.user)
    now = timezone.now()
    old = build_survey(title="2024 조직문화 설문", year=2024)
    survey_launch(survey=old)
    Survey.objects.filter(pk=old.pk).update(
        opens_at=now - dt.timedelta(days=400), closes_at=now - dt.timedelta(days=380)
    )
    current = build_survey(title="2025 조직문화 설문", year=2025)
    survey_launch(survey=current)
    page = client.get("/surveys/").content.decode()
    results = page.split('data-testid="results-links"')[1]
    assert "2025 조직문화 설문" in results and "2024 조직문화 설문" not in results
    assert 'aria-label="지난 설문 연도"' in page and 'href="?year=2024"' in page
    older = client.get("/surveys/?year=2024").content.decode()
    results = older.split('data-testid="results-links"')[1]
    assert "2024 조직문화 설문" in results and "2025 조직문화 설문" not in results
    assert "2024년 설문 결과" in older
