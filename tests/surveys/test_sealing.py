"""Issue 13 §2: after an anonymous survey closes, a copy of the database and the logs cannot tell
whose answers are whose. The join attacker tries every join and must fail."""

import datetime
import random
from collections import Counter

import pytest
import time_machine
from django.core.cache import cache
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from intranet.directory.models import Staff
from intranet.surveys import results
from intranet.surveys.anonymity import generalised_groups, survey_answers_seal
from intranet.surveys.models import Answer, AudienceMember, HeldResponse, Response, Survey
from intranet.surveys.services import survey_close, survey_launch, survey_submit
from tests.factories import DepartmentFactory, StaffFactory
from tests.surveys.builders import answer_payload, build_survey

pytestmark = pytest.mark.usefixtures("transactional_db")

K = 5

groups = st.dictionaries(
    keys=st.tuples(
        st.sampled_from(["", "c1", "c2"]),
        st.sampled_from(["", "1", "2", "3"]),
        st.sampled_from(["", "5급", "6급", "7급"]),
    ),
    values=st.integers(1, 12),
    min_size=1,
    max_size=20,
)


@given(groups)
def test_every_kept_combination_holds_at_least_k(counts):
    kept = generalised_groups(counts, K)
    stored = Counter()
    for key, n in counts.items():
        stored[kept[key]] += n
    if sum(counts.values()) >= K:
        assert all(n >= K for n in stored.values()), stored
    # Generalising only blanks: nothing is moved to another department, grade or context.
    for (c, d, g), (c2, d2, g2) in kept.items():
        assert c2 in (c, "") and d2 in (d, "") and g2 in (g, "")


@given(st.dictionaries(st.sampled_from(["", "1", "2", "3"]), st.integers(K, 30), min_size=1))
def test_groups_of_k_or_more_keep_their_names(departments):
    counts = {("", d, ""): n for d, n in departments.items()}
    assert generalised_groups(counts, K) == {key: key for key in counts}


def test_the_issue_team_of_eleven_keeps_no_grade():
    counts = {("", "srv", "7급"): 7, ("", "srv", "6급"): 3, ("", "srv", "8급"): 1, ("", "ops", "6급"): 9}
    kept = generalised_groups(counts, K)
    assert {kept[k] for k in counts if k[1] == "srv"} == {("", "srv", "")}
    assert kept[("", "ops", "6급")] == ("", "ops", "6급")


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


@pytest.fixture(params=[datetime.date(2025, 10, 20), datetime.date(2026, 3, 2)])
def sealed(request):
    """Two departments (7 and 5 people, mixed grades) answer over three days in a shuffled order;
    the survey closes two days later. Each text is secret to one person."""
    start = request.param
    with time_machine.travel(at(start, 9), tick=False):
        big, small = DepartmentFactory(name="서버운영팀"), DepartmentFactory(name="보안관제팀")
        people = [StaffFactory(department=big, grade="7급") for _ in range(5)]
        people += [StaffFactory(department=big, grade="6급") for _ in range(2)]
        people += [StaffFactory(department=small, grade=g) for g in ("5급", "6급", "6급", "7급", "8급")]
        survey = build_survey()
        survey_launch(survey=survey)
    order = people[:]
    random.Random(request.param.toordinal()).shuffle(order)
    calls = []
    truth, before = {}, {}
    for i, person in enumerate(order):
        day = start + datetime.timedelta(days=i % 3)
        with time_machine.travel(
            datetime.datetime.combine(day, datetime.time(10, i)).astimezone(), tick=False
        ):
            secret = f"비밀-{person.pk}"
            held_before = set(HeldResponse.objects.values_list("id", flat=True))
            survey_submit(
                survey=survey, staff=person, raw=answer_payload(survey, **{"lead-1": 3, "free-1": secret})
            )
            truth[secret] = person.pk
            # the held row's key (the only id that existed before the close) and the day it came
            [held_id] = set(HeldResponse.objects.values_list("id", flat=True)) - held_before
            before[secret] = (str(held_id), day)
            calls.append(sorted(cache_keys()))
    close_day = start + datetime.timedelta(days=5)
    with time_machine.travel(
        datetime.datetime.combine(close_day, datetime.time(18)).astimezone(), tick=False
    ):
        survey_close(survey=survey)
    return {
        "survey": Survey.objects.get(pk=survey.pk),
        "order": order,
        "truth": truth,
        "before": before,
        "close_day": close_day,
        "cache_keys": calls,
    }


def cache_keys() -> list[str]:
    store = getattr(cache, "_cache", None)
    return [str(k) for k in store] if isinstance(store, dict) else []


def _texts(queryset) -> list[str]:
    return list(queryset.exclude(text="").values_list("text", flat=True))


def test_stored_groups_against_the_audience(sealed):
    """Join each stored response to the audience on department, grade and context: every answer
    matches at least five people who answered, never one."""
    survey = sealed["survey"]
    answered = AudienceMember.objects.filter(survey=survey, has_submitted=True)
    for department_id, grade, context in Response.objects.filter(survey=survey).values_list(
        "department_id", "grade", "context_key"
    ):
        candidates = answered
        if department_id:
            candidates = candidates.filter(department_id=department_id)
        if grade:
            candidates = candidates.filter(grade=grade)
        if context:
            candidates = candidates.filter(context_key=context)
        assert candidates.count() >= K
    stored = Counter(
        Response.objects.filter(survey=survey).values_list("department_id", "grade", "context_key")
    )
    assert all(n >= K for n in stored.values()), stored
    # the team of seven keeps its name (its figures stay), without the grades that split it
    assert Counter(Response.objects.values_list("department__name", flat=True))["서버운영팀"] == 7


def test_ids_are_new_and_tell_nothing(sealed):
    old_ids = {rid for rid, _day in sealed["before"].values()}
    new_ids = {str(rid) for rid in Response.objects.values_list("id", flat=True)}
    assert new_ids and not (new_ids & old_ids)
    assert not set(map(str, Answer.objects.values_list("id", flat=True))) & old_ids


def test_row_order_does_not_follow_submission(sealed):
    submission_order = [f"비밀-{p.pk}" for p in sealed["order"]]
    for ordering in ((), ("id",), ("response_id",), ("response__id",)):
        stored = _texts(Answer.objects.order_by(*ordering))
        assert sorted(stored) == sorted(submission_order)
        assert stored != submission_order


def test_dates_are_the_closing_date_only(sealed):
    """Three days of answers against the identity side's times (a reminder read, a log-in): the
    answer side says only the day the survey closed."""
    assert {d for _rid, d in sealed["before"].values()} != {sealed["close_day"]}  # they differed
    assert set(Response.objects.values_list("submitted_on", flat=True)) == {sealed["close_day"]}
    logins = Staff.objects.filter(pk__in=sealed["truth"].values()).values_list("user__last_login", flat=True)
    assert all(login is None or login.date() != sealed["close_day"] for login in logins)


def test_participation_record_says_only_that_a_person_answered(sealed):
    rows = AudienceMember.objects.filter(survey=sealed["survey"], has_submitted=True)
    assert rows.count() == len(sealed["truth"])
    assert not any(rows.values_list("draft", flat=True))
    assert set(rows.values_list("reminders_sent", flat=True)) == {0}


def test_cache_keys_and_task_payloads_name_no_one(sealed, monkeypatch):
    people = {str(pk) for pk in sealed["truth"].values()}
    for keys in sealed["cache_keys"]:
        for key in keys:
            assert not any(key.endswith(f":{pk}") and "survey" not in key for pk in people)
            assert "비밀" not in key
    sent = []
    from intranet.surveys import tasks

    monkeypatch.setattr(tasks.survey_results_compute, "apply_async", lambda *a, **kw: sent.append((a, kw)))
    survey = sealed["survey"]
    results.results_memory_clear()
    cache.clear()
    results.results_refresh_queue(survey_id=survey.pk)
    from django.db import connection

    for callback in list(getattr(connection, "run_on_commit", [])):
        callback[1]()
    for args, _kwargs in sent:
        assert args == ((survey.pk,),)


def test_sealing_again_changes_keys_and_order_only(sealed):
    survey = sealed["survey"]
    first = sorted(Response.objects.values_list("department_id", "grade", "context_key", "submitted_on"))
    ids = set(Response.objects.values_list("id", flat=True))
    survey_answers_seal(survey=survey, today=sealed["close_day"])
    assert (
        sorted(Response.objects.values_list("department_id", "grade", "context_key", "submitted_on")) == first
    )
    assert not ids & set(Response.objects.values_list("id", flat=True))


def test_identified_surveys_are_not_sealed():
    person = StaffFactory(department=DepartmentFactory(), grade="5급")
    survey = build_survey(mode=Survey.Mode.IDENTIFIED)
    survey_launch(survey=survey)
    survey_submit(survey=survey, staff=person, raw=answer_payload(survey, **{"lead-1": 4}))
    before = list(Response.objects.values_list("id", "respondent_id", "grade"))
    survey_close(survey=survey)
    assert list(Response.objects.values_list("id", "respondent_id", "grade")) == before
