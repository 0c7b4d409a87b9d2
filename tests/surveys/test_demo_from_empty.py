"""The demo culture surveys' seeder from an empty database: through ``seed_demo``, and with too
few staff for honest figures (the seeded agency's own checks: ``test_demo.py``)."""

import datetime
import io

import pytest
from django.core.management import call_command

from intranet.surveys import demo
from intranet.surveys.models import BankQuestion, Survey
from tests.factories import StaffFactory
from tests.surveys.test_demo import surveys

pytestmark = pytest.mark.django_db


def test_seed_demo_command_runs_the_survey_seeder():
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert "설문: 설문 새로 2개" in out.getvalue()
    # The two report surveys, and the living year's open one (course feedback: learning's seeder;
    # the system-users' surveys: tests/surveys/test_demo_system_users.py).
    staff_surveys = Survey.objects.filter(context_key="", audience_external=False)
    assert staff_surveys.exclude(title__contains="수시 설문").count() == 2
    assert Survey.objects.filter(audience_external=True).count() == 2
    assert Survey.objects.filter(title__contains="수시 설문", status=Survey.Status.OPEN).count() == 1
    _survey_2024, survey_2025 = surveys()
    assert survey_2025.opens_at.date() == datetime.date(2025, 10, 13)


def test_too_few_staff_makes_no_survey_rather_than_wrong_figures():
    StaffFactory.create_batch(20)
    out = io.StringIO()
    result = demo.seed(scale=1, stdout=out)
    assert result.surveys_created == 0 and not Survey.objects.exists()
    assert "만들지 않았습니다" in out.getvalue()
    assert BankQuestion.objects.exclude(code__startswith="course-").count() == len(demo.BANK)
