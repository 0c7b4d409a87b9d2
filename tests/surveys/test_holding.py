"""Issue 13 §2, threat model (b): while an anonymous survey is OPEN, a copy of the database alone
(every table read with raw SQL, no server secret) cannot tell which answers are whose. The join
attacker tries every table; with the secret, the close releases exactly what was answered, also
across a rotation of SECRET_KEY."""

import datetime
import random
import re
import uuid
from collections import Counter

import pytest
import time_machine
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from intranet.surveys import holding
from intranet.surveys.models import Answer, AudienceMember, HeldResponse, Response, Survey
from intranet.surveys.respondents import respondent_submit, respondent_token
from intranet.surveys.services import SurveyError, survey_close, survey_launch, survey_submit
from tests.factories import DepartmentFactory, StaffFactory, staff_with_login
from tests.surveys.builders import answer_payload, build_external_survey, build_survey

pytestmark = pytest.mark.usefixtures("transactional_db")

K = 5
SECRET_A = "holding-test-secret-a-" + "x" * 40
SECRET_B = "holding-test-secret-b-" + "y" * 40


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def database_dump() -> dict[str, list[tuple]]:
    """Every row of every table, as a copy of the database gives them (raw SQL, physical order)."""
    dump = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f'SELECT * FROM "{table}"')  # table names from the schema
            dump[table] = cursor.fetchall()
    return dump


def readable(value) -> str:
    if isinstance(value, (bytes, memoryview)):
        return ""  # the ciphertext: opaque without the key (checked separately)
    return str(value)


@pytest.fixture(params=[datetime.date(2025, 10, 20), datetime.date(2026, 3, 2)])
def held(request, client):
    """An open staff survey (a team of 7 with a lone 8급, a team of 5) and an open external
    survey (6 listed users, one alone in their system) answered over three days in a shuffled
    order, some through the answer page with a session; each free text is secret to one person."""
    start = request.param
    with override_settings(SECRET_KEY=SECRET_A, SECRET_KEY_FALLBACKS=[]):
        with time_machine.travel(at(start, 9), tick=False):
            big, small = DepartmentFactory(name="서버운영팀"), DepartmentFactory(name="보안관제팀")
            people = [staff_with_login(department=big, grade="7급") for _ in range(6)]
            people += [staff_with_login(department=big, grade="8급")]
            people += [
                staff_with_login(department=small, grade=g) for g in ("5급", "6급", "6급", "7급", "7급")
            ]
            survey = build_survey(closes_at=at(start, 9) + datetime.timedelta(days=10))
            survey_launch(survey=survey)
            external = build_external_survey(
                respondents=[
                    (f"user{i}@example.org", "전장관리체계" if i else "외딴체계", "육군") for i in range(6)
                ],
                closes_at=at(start, 9) + datetime.timedelta(days=10),
                title="정보체계 설문",
            )
        order = people[:]
        random.Random(start.toordinal()).shuffle(order)
        truth, tasks_sent = {}, []
        from intranet.surveys import tasks

        original = tasks.survey_results_compute.apply_async
        tasks.survey_results_compute.apply_async = lambda *a, **kw: tasks_sent.append((a, kw))
        try:
            for i, person in enumerate(order):
                day = start + datetime.timedelta(days=i % 3)
                with time_machine.travel(at(day, 10, i), tick=False):
                    secret = f"비밀-{person.pk}-{uuid.uuid4().hex[:6]}"
                    raw = answer_payload(survey, **{"lead-1": 1 + i % 5, "free-1": secret})
                    if i % 3 == 0:  # through the page, signed in, a draft saved first
                        client.force_login(person.user)
                        url = reverse("surveys:answer", args=[survey.pk])
                        client.post(url, {**raw, "action": "draft"})
                        assert client.post(url, raw).status_code == 302
                    else:
                        survey_submit(survey=survey, staff=person, raw=raw)
                    truth[secret] = (person.pk, 1 + i % 5)
            for i, respondent in enumerate(external.external_respondents.order_by("?")):
                with time_machine.travel(at(start + datetime.timedelta(days=1), 14, i), tick=False):
                    secret = f"외부비밀-{respondent.pk}"
                    raw = answer_payload(external, **{"lead-1": 4, "free-1": secret})
                    respondent_submit(token=respondent_token(respondent.nonce), raw=raw)
                    truth[secret] = (f"ext{respondent.pk}", 4)
        finally:
            tasks.survey_results_compute.apply_async = original
    return {
        "start": start,
        "survey": survey,
        "external": external,
        "people": people,
        "truth": truth,
        "tasks_sent": tasks_sent,
    }


def test_the_open_phase_join_attacker_finds_nothing(held):
    """One fixture run (both frozen dates), every join: the parts below."""
    _answer_side_is_empty_and_the_holding_area_holds_one_opaque_row_each(held)
    _test_a_copy_of_the_database_names_no_answer(held)
    _test_sessions_cache_and_tasks_carry_nothing(held)
    _test_held_rows_do_not_follow_answer_order_on_anything_readable(held)
    _test_a_blob_moved_to_another_survey_does_not_open(held)


def _answer_side_is_empty_and_the_holding_area_holds_one_opaque_row_each(held):
    survey, external = held["survey"], held["external"]
    assert not Response.objects.filter(survey__in=[survey, external]).exists()
    assert not Answer.objects.exists()
    assert HeldResponse.objects.filter(survey=survey).count() == len(held["people"])
    assert HeldResponse.objects.filter(survey=external).count() == 6
    columns = {
        c.name
        for c in connection.introspection.get_table_description(connection.cursor(), "surveys_heldresponse")
    }
    assert columns == {"id", "survey_id", "sealed"}  # no date, no time, no attribute
    lengths = Counter(len(bytes(blob)) for blob in HeldResponse.objects.values_list("sealed", flat=True))
    assert len(lengths) == 1, lengths  # the length says nothing of the answers
    assert {uuid.UUID(str(pk)).version for pk in HeldResponse.objects.values_list("id", flat=True)} == {4}


def _test_a_copy_of_the_database_names_no_answer(held):
    """Raw SQL over every table, without the secret: no free text, no answer value beside a
    person, no attribute, date or time with a held row, no readable link from a held row."""
    dump = database_dump()
    text = "\n".join(readable(v) for rows in dump.values() for row in rows for v in row)
    for secret in held["truth"]:
        assert secret not in text  # nowhere in clear: not in a draft, a session row, a log table
    for blob in HeldResponse.objects.values_list("sealed", flat=True):
        assert b"\xeb\xb9\x84\xeb\xb0\x80" not in bytes(blob)  # "비밀" in UTF-8: encrypted, not encoded
    held_rows = dump["surveys_heldresponse"]
    # What a held row shows: a random key, the survey id, an opaque blob. Nothing to join on.
    for _pk, *rest in held_rows:
        readable_values = {readable(v) for v in rest} - {"", str(held["survey"].pk), str(held["external"].pk)}
        assert not readable_values, readable_values
    # The identity side: only whether a person answered, no time, and the draft erased.
    for member in AudienceMember.objects.filter(survey=held["survey"]):
        assert member.has_submitted and member.draft == {}
    # Dates and times anywhere near a held row's day: none is stored with it.
    days = {str(held["start"] + datetime.timedelta(days=d)) for d in range(3)}
    assert not any(day in readable(v) for row in held_rows for v in row for day in days)


def _test_sessions_cache_and_tasks_carry_nothing(held):
    for session in Session.objects.all():
        data = SessionStore(session_key=session.session_key).load()
        flat = repr(data)
        assert not re.search(r"'q\d+'", flat) and "비밀" not in flat
    store = getattr(cache, "_cache", None)
    keys = [str(k) for k in store] if isinstance(store, dict) else []
    for key in keys:
        assert "비밀" not in key and "results-refresh" not in key  # nothing queued by an answer
    assert held["tasks_sent"] == []  # no task payload at all while open


def _test_held_rows_do_not_follow_answer_order_on_anything_readable(held):
    """The keys are random: their order matches neither the order of submission nor of people."""
    rows = list(
        HeldResponse.objects.filter(survey=held["survey"]).order_by("id").values_list("id", flat=True)
    )
    assert len(set(rows)) == len(held["people"])
    # every readable column except the key is constant, so no ordering can be read from them
    assert HeldResponse.objects.filter(survey=held["survey"]).values("survey_id").distinct().count() == 1


def _results_page_shows_participation_only(held, client):
    from tests.factories import UserFactory

    # a superuser holds every role (the role groups of the data migrations are flushed here)
    client.force_login(UserFactory(is_superuser=True))
    page = client.get(reverse("surveys:results", args=[held["survey"].pk]))
    body = page.content.decode()
    assert page.status_code == 200 and 'data-testid="results-pending"' in body
    assert "12명 중 12명" in body and "결과는 마감 후에 공개합니다" in body
    assert 'data-testid="overall-score"' not in body
    export = client.get(reverse("surveys:results_xlsx", args=[held["survey"].pk]))
    assert (
        export["Content-Type"].startswith("text/html")
        and 'data-testid="results-pending"' in export.content.decode()
    )


def test_the_close_releases_exactly_what_was_answered_and_seals_it(held, client):
    _results_page_shows_participation_only(held, client)
    survey = held["survey"]
    close_day = held["start"] + datetime.timedelta(days=5)
    with (
        override_settings(SECRET_KEY=SECRET_A, SECRET_KEY_FALLBACKS=[]),
        time_machine.travel(at(close_day, 18), tick=False),
    ):
        assert survey_close(survey=survey) is True
        assert survey_close(survey=survey) is False  # a second close does nothing
    assert not HeldResponse.objects.filter(survey=survey).exists()
    released = Counter(
        Answer.objects.filter(response__survey=survey, question__bank_question__code="free-1").values_list(
            "text", flat=True
        )
    )
    staff_truth = {s: v for s, (who, v) in held["truth"].items() if not str(who).startswith("ext")}
    assert released == Counter(staff_truth.keys())
    values = Counter(
        Answer.objects.filter(response__survey=survey, question__bank_question__code="lead-1").values_list(
            "value", flat=True
        )
    )
    assert values == Counter(v for v in staff_truth.values())
    # Sealed: the closing date only, every stored group at least K, the team of 7 keeps its name.
    assert set(Response.objects.filter(survey=survey).values_list("submitted_on", flat=True)) == {close_day}
    stored = Counter(Response.objects.filter(survey=survey).values_list("department__name", "grade"))
    assert all(n >= K for n in stored.values()), stored
    assert sum(n for (name, _g), n in stored.items() if name == "서버운영팀") == 7


def test_a_key_rotation_during_the_survey_loses_nothing(held):
    survey, external = held["survey"], held["external"]
    late = StaffFactory(department=held["people"][0].department, grade="7급")
    AudienceMember.objects.create(survey=survey, staff=late, department=late.department, grade="7급")
    later = at(held["start"] + datetime.timedelta(days=4), 11)
    with override_settings(SECRET_KEY=SECRET_B, SECRET_KEY_FALLBACKS=[SECRET_A]), time_machine.travel(later):
        survey_submit(
            survey=survey, staff=late, raw=answer_payload(survey, **{"lead-1": 5, "free-1": "새 키"})
        )
    # Without the old key the close is refused in Korean, and nothing is lost.
    with override_settings(SECRET_KEY=SECRET_B, SECRET_KEY_FALLBACKS=[]):
        with pytest.raises(SurveyError) as refused:
            survey_close(survey=survey)
        assert "SECRET_KEY_FALLBACKS" in " ".join(refused.value.messages)
    assert Survey.objects.get(pk=survey.pk).status == Survey.Status.OPEN
    assert HeldResponse.objects.filter(survey=survey).count() == len(held["people"]) + 1
    with override_settings(SECRET_KEY=SECRET_B, SECRET_KEY_FALLBACKS=[SECRET_A]):
        assert survey_close(survey=survey) and survey_close(survey=external)
    assert Response.objects.filter(survey=survey).count() == len(held["people"]) + 1
    assert Response.objects.filter(survey=external).count() == 6
    assert not HeldResponse.objects.exists()
    # The external survey's lone system is merged at close, as before the holding area.
    assert "외딴체계" not in set(Response.objects.filter(survey=external).values_list("system", flat=True))


def _test_a_blob_moved_to_another_survey_does_not_open(held):
    blob = HeldResponse.objects.filter(survey=held["survey"]).values_list("sealed", flat=True).first()
    with override_settings(SECRET_KEY=SECRET_A, SECRET_KEY_FALLBACKS=[]):
        assert holding.held_decrypt(survey_id=held["survey"].pk, blob=blob)["q"]
        with pytest.raises(holding.HeldResponseUnreadable):
            holding.held_decrypt(survey_id=held["external"].pk, blob=blob)


def test_identified_surveys_still_write_in_clear():
    person = StaffFactory(department=DepartmentFactory(), grade="5급")
    survey = build_survey(mode=Survey.Mode.IDENTIFIED)
    survey_launch(survey=survey)
    response = survey_submit(survey=survey, staff=person, raw=answer_payload(survey, **{"lead-1": 4}))
    assert response.respondent_id == person.pk and not HeldResponse.objects.exists()


def test_a_submission_writes_one_held_row_and_no_more_queries_than_before(client):
    """The answer page's submission: one INSERT (the held row) instead of three (response,
    answers), the identity row's update, nothing else; within the budget of the submission
    path before the holding area (8–9 queries)."""
    from django.test.utils import CaptureQueriesContext

    department = DepartmentFactory()
    people = [staff_with_login(department=department, grade="5급") for _ in range(3)]
    survey = build_survey()
    survey_launch(survey=survey)
    client.force_login(people[0].user)
    url = reverse("surveys:answer", args=[survey.pk])
    client.get(url)  # the questions are read once per process (selectors.QUESTIONS)
    raw = answer_payload(survey, **{"lead-1": 4, "free-1": "좋아요"})
    with CaptureQueriesContext(connection) as captured:
        assert client.post(url, raw).status_code == 302
    statements = [q["sql"] for q in captured.captured_queries]
    inserts = [s for s in statements if "INSERT INTO" in s.upper()]
    assert len(inserts) == 1 and "surveys_heldresponse" in inserts[0], inserts
    writes = [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE", "WITH", "DELETE"))]
    if connection.vendor == "postgresql":
        # The claim of the audience row and the held row: one statement (services._member_claim_held).
        assert writes == inserts and "UPDATE" in inserts[0].upper(), writes
    else:
        assert len(writes) == 2, writes
    queries = [s for s in statements if not s.lstrip().upper().startswith(("SAVEPOINT", "RELEASE"))]
    assert len(queries) <= (7 if connection.vendor == "postgresql" else 8), queries


def test_two_closes_at_once_release_and_seal_once(migrated_db):
    """The admin's button and the beat task at the same moment: the survey row's lock lets one
    close it; the other finds it closed. Nothing is released twice."""
    from tests.learning.builders import run_together

    department = DepartmentFactory()
    people = [StaffFactory(department=department, grade="5급") for _ in range(6)]
    survey = build_survey()
    survey_launch(survey=survey)
    for value, person in enumerate(people):
        survey_submit(survey=survey, staff=person, raw=answer_payload(survey, **{"lead-1": 1 + value % 5}))
    outcomes = []
    errors = run_together(
        lambda _n: outcomes.append(survey_close(survey=Survey.objects.get(pk=survey.pk))), [1, 2]
    )
    assert errors == [] and sorted(outcomes) == [False, True]
    assert Response.objects.filter(survey=survey).count() == 6
    assert Answer.objects.filter(response__survey=survey).count() == 6
    assert not HeldResponse.objects.exists()
