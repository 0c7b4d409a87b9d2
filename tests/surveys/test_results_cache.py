"""The result cache: filled by the Celery task, read by the selector, invalidated correctly."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from intranet.surveys import results, tasks
from intranet.surveys.counts import results_counts_changed
from intranet.surveys.models import Response, ResultCache, Survey
from intranet.surveys.services import question_remove, survey_close
from tests.surveys import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey():
    lead = f.area("leadership", 1)
    made = f.survey([f.bank("l1", area=lead), f.bank("l2", area=lead)])
    f.respond(made, {"l1": 4, "l2": 5}, times=6)
    return made


def test_task_fills_the_cache_once(survey):
    assert tasks.survey_results_compute.delay(survey.pk).get() is True
    cache = ResultCache.objects.get(survey=survey)
    assert cache.response_count == 6
    assert cache.data == results.survey_results_compute(survey_id=survey.pk)
    assert tasks.survey_results_compute.delay(survey.pk).get() is False  # already current: no work


def test_task_retries_database_errors_with_backoff():
    task = tasks.survey_results_compute
    assert task.autoretry_for and task.retry_backoff and task.retry_kwargs["max_retries"] >= 3


def test_cached_read_is_two_small_queries(survey):
    results.survey_results_refresh(survey_id=survey.pk)
    with CaptureQueriesContext(connection) as queries:
        data = results.survey_results(survey=survey)
    assert len(queries) == 2  # the version key and the cache row; no answers read
    assert data["overall"]["n"] == 6


def test_new_response_invalidates(survey, django_capture_on_commit_callbacks):
    results.survey_results_refresh(survey_id=survey.pk)
    f.respond(survey, {"l1": 1, "l2": 1}, times=1)
    assert results.survey_results(survey=survey)["refreshing"]  # the worker's turn
    assert tasks.survey_results_compute.delay(survey.pk).get() is True
    data = results.survey_results(survey=survey)
    assert data["overall"]["n"] == 7 and "refreshing" not in data
    assert ResultCache.objects.get(survey=survey).response_count == 7
    assert tasks.survey_results_compute.delay(survey.pk).get() is False


def test_open_survey_shows_the_last_result_while_the_worker_catches_up(
    survey, django_capture_on_commit_callbacks
):
    """While answers stream in, a reader gets the last result at once and one refresh is queued."""
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)
    survey.refresh_from_db()
    results.survey_results_refresh(survey_id=survey.pk)
    f.respond(survey, {"l1": 1, "l2": 1}, times=2)
    with django_capture_on_commit_callbacks(execute=False) as queued:
        first = results.survey_results(survey=survey)
        second = results.survey_results(survey=survey)
    assert first["refreshing"] and second["refreshing"]
    assert first["overall"]["n"] == 6  # the last computed picture, not a half-computed one
    assert len(queued) == 1  # one refresh waiting, however many readers or answers
    assert tasks.survey_results_compute.delay(survey.pk).get() is True
    assert results.survey_results(survey=survey)["overall"]["n"] == 8


def test_filtered_view_never_uses_an_older_result(survey):
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)
    survey.refresh_from_db()
    results.survey_results_refresh(survey_id=survey.pk)
    f.respond(survey, {"l1": 1, "l2": 1}, times=1)
    results.survey_results(survey=survey, filters={"grade": "5급"})  # the factory's grade
    assert ResultCache.objects.get(survey=survey).response_count == 7


def test_archiving_a_question_invalidates(survey):
    results.survey_results_refresh(survey_id=survey.pk)
    question = survey.questions.get(bank_question__code="l2")
    assert question_remove(question=question) == "archived"
    data = results.survey_results(survey=survey)
    assert [q["code"] for q in data["questions"]] == ["l1"]
    assert data["areas"][0]["score"] == 75.0


def test_closing_and_thresholds_invalidate(survey):
    results.survey_results_refresh(survey_id=survey.pk)
    Survey.objects.filter(pk=survey.pk).update(min_group_size=7)
    survey.refresh_from_db()
    assert results.survey_results(survey=survey)["overall"] == {"suppressed": True}
    before = results.results_version(survey)
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)
    assert results.results_version(survey) != before


def test_previous_survey_uses_its_cache(survey):
    later = f.survey([survey.questions.first().bank_question], year=2026, previous=survey)
    f.respond(later, {"l1": 5}, times=5)
    results.survey_results_refresh(survey_id=survey.pk)
    data = results.survey_results(survey=later)
    assert data["comparison"]["overall"] == {"previous": 87.5, "current": 100.0, "delta": 12.5}


def test_closing_the_survey_computes_the_cache(django_capture_on_commit_callbacks, survey):
    Survey.objects.filter(pk=survey.pk).update(status=Survey.Status.OPEN)
    with django_capture_on_commit_callbacks(execute=True):
        survey_close(survey=survey)
    cache = ResultCache.objects.get(survey=survey)
    assert cache.data["survey"]["status"] == Survey.Status.CLOSED
    assert cache.data["version"] == results.results_version(survey)


def test_the_big_counts_are_read_once_per_change(survey):
    """The version's response and audience counts come from the shared cache until a writer
    calls ``results_counts_changed``: a warm version is one query, and a write that bypasses the
    hook is not seen (that is what the hook is for); the survey's own fields are always read."""
    before = results.results_version(survey)
    with CaptureQueriesContext(connection) as queries:
        assert results.results_version(survey) == before
    assert len(queries) == 1  # the survey's fields and question count; no COUNT of responses
    Response.objects.create(survey=survey, submitted_on=survey.closes_at.date())  # the receiver
    assert results._version_responses(results.results_version(survey)) == 7
    Response.objects.bulk_create([Response(survey=survey, submitted_on=survey.closes_at.date())])
    assert results._version_responses(results.results_version(survey)) == 7
    results_counts_changed(survey.pk)
    assert results._version_responses(results.results_version(survey)) == 8
    Survey.objects.filter(pk=survey.pk).update(min_group_size=7)
    assert ":m7:" in results.results_version(survey)


def test_comparison_from_the_stored_parts_matches_and_is_never_stale(survey):
    """The whole survey's comparison reads only the compared parts of the previous year's stored
    result: the same comparison as from a fresh computation, and a stored result that answers
    made stale is not used."""
    later = f.survey([survey.questions.first().bank_question], year=2026, previous=survey)
    f.respond(later, {"l1": 5}, times=5)
    fresh = results.survey_results_compute(survey_id=later.pk)["comparison"]  # nothing stored
    results.survey_results_refresh(survey_id=survey.pk)
    assert results._cached_data(survey, results.COMPARED_PARTS).keys() == set(results.COMPARED_PARTS)
    assert results.survey_results_compute(survey_id=later.pk)["comparison"] == fresh
    f.respond(survey, {"l1": 1, "l2": 1}, times=2)  # the stored result of the previous year is old now
    results_counts_changed(survey.pk)
    again = results.survey_results_compute(survey_id=later.pk)["comparison"]
    assert again["overall"]["previous"] < fresh["overall"]["previous"]
