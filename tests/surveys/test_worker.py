"""The survey engine's task paths through a real Celery worker process (see tests/worker.py)."""

import datetime

import pytest
from django.utils import timezone

from intranet.home.models import Notification
from intranet.surveys import results
from intranet.surveys.models import ResultCache, Survey
from intranet.surveys.services import survey_launch, survey_submit
from intranet.surveys.tasks import survey_reminders_dispatch
from tests.factories import DepartmentFactory, StaffFactory
from tests.surveys.builders import answer_payload, build_survey
from tests.worker import wait_for

pytestmark = pytest.mark.worker


@pytest.fixture
def open_survey(transactional_db):
    department = DepartmentFactory()
    people = [StaffFactory(department=department) for _ in range(6)]
    survey = build_survey(closes_at=timezone.now() + datetime.timedelta(days=2))
    survey_launch(survey=survey)
    return survey, people


def test_a_submission_gets_its_results_computed_by_the_worker(
    open_survey, celery_worker_process, monkeypatch
):
    # An identified survey's results follow its answers (an anonymous one's wait for the close).
    # The first answer queues one run a little later; the other four ride along with it.
    monkeypatch.setattr(results, "REFRESH_DELAY_SECONDS", 5)
    survey, people = open_survey
    Survey.objects.filter(pk=survey.pk).update(mode=Survey.Mode.IDENTIFIED)
    survey.mode = Survey.Mode.IDENTIFIED
    for person in people[:5]:
        survey_submit(survey=survey, staff=person, raw=answer_payload(survey, **{"lead-1": 4}))

    def computed():
        cache = ResultCache.objects.filter(survey=survey).first()
        return cache and cache.response_count == 5 and cache

    cache = wait_for(computed, timeout=90)
    assert cache.data["overall"].get("n") == 5, cache.data["overall"] | {"groups": cache.data.get("groups")}


def test_reminders_go_out_through_the_worker(open_survey, celery_worker_process):
    survey, people = open_survey
    survey_submit(survey=survey, staff=people[0], raw=answer_payload(survey, **{"lead-1": 5}))
    survey_reminders_dispatch.delay()
    # The worker marks each person just after their notification: wait for both, not only the first.
    wait_for(
        lambda: (
            Notification.objects.filter(key__startswith=f"survey:{survey.pk}:reminder:").count() == 5
            and survey.audience.filter(reminders_sent=1).count() == 5
        ),
        timeout=90,
    )
    assert not Notification.objects.filter(recipient=people[0]).exists()
    assert Survey.objects.get(pk=survey.pk).audience.filter(reminders_sent=1).count() == 5


def test_surveys_past_their_close_close_themselves_through_the_worker(open_survey, celery_worker_process):
    """The beat task closes an open anonymous survey past ``closes_at``: its held answers are
    released and sealed, its results computed. Run twice (a second beat, a redelivery): nothing
    more happens."""
    from intranet.surveys.models import HeldResponse, Response
    from intranet.surveys.tasks import surveys_past_close_dispatch

    survey, people = open_survey
    for person in people[:5]:
        survey_submit(survey=survey, staff=person, raw=answer_payload(survey, **{"lead-1": 4}))
    assert HeldResponse.objects.filter(survey=survey).count() == 5
    surveys_past_close_dispatch.delay()  # not yet past its close: nothing happens
    Survey.objects.filter(pk=survey.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=3),
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
    )
    surveys_past_close_dispatch.delay()
    surveys_past_close_dispatch.delay()

    def computed():
        cache = ResultCache.objects.filter(survey=survey).first()
        return cache and cache.response_count == 5 and cache

    cache = wait_for(computed, timeout=90)
    assert Survey.objects.get(pk=survey.pk).status == Survey.Status.CLOSED
    assert not HeldResponse.objects.filter(survey=survey).exists()
    assert Response.objects.filter(survey=survey).count() == 5
    assert cache.data["overall"].get("n") == 5
