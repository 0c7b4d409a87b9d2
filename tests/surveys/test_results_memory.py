"""The parsed survey results a web process keeps: one version a survey, a bounded number of surveys."""

from intranet.surveys import results


def test_a_newer_version_replaces_the_older_one_of_the_same_survey():
    results.results_memory_clear()
    results._remember(1, "v1", {"version": "v1"})
    results._remember(1, "v2", {"version": "v2"})
    assert results._recalled(1, "v1") is None
    assert results._recalled(1, "v2") == {"version": "v2"}
    assert len(results._recent._values) == 1
    results.results_memory_clear()


def test_only_the_surveys_viewed_last_are_kept():
    results.results_memory_clear()
    for survey_id in range(1, 7):
        results._remember(survey_id, "v", {"survey": survey_id})
    kept = [survey_id for survey_id in range(1, 7) if results._recalled(survey_id, "v")]
    assert kept == [3, 4, 5, 6]
    results.results_memory_clear()
