"""Anonymous means unlinkable: try every way to join an answer back to a person, and fail.

Run on SQLite and on PostgreSQL (CI runs the suite on both).
"""

import random
from collections import Counter

import pytest
from django.contrib.sessions.models import Session
from django.db import models

from intranet.directory.models import Staff
from intranet.surveys.models import Answer, AudienceMember, Response
from intranet.surveys.services import survey_close, survey_launch, survey_submit
from tests.factories import DepartmentFactory, StaffFactory
from tests.surveys.builders import answer_payload, build_bound_survey, build_survey

pytestmark = pytest.mark.usefixtures("transactional_db")  # tests/db_state.py

ANSWER_SIDE = [Response, Answer]


@pytest.fixture
def submitted():
    """Twelve people of one department and grade answer in a shuffled order; each gives a
    distinct text so that the test knows, and only the test knows, who wrote what."""
    department = DepartmentFactory(name="정보체계팀")
    people = [StaffFactory(department=department, grade="5급") for _ in range(12)]
    survey = build_survey()
    survey_launch(survey=survey)
    members_before = list(AudienceMember.objects.order_by("pk").values_list("pk", "staff_id"))
    order = people[:]
    random.Random(7).shuffle(order)
    truth = {}
    for person in order:
        secret = f"비밀-{person.pk}"
        survey_submit(
            survey=survey, staff=person, raw=answer_payload(survey, **{"lead-1": 3, "free-1": secret})
        )
        truth[secret] = person.pk
    survey_close(survey=survey)  # the answer side exists from the close (held until then)
    return {
        "survey": survey,
        "people": people,
        "order": order,
        "truth": truth,
        "members_before": members_before,
    }


def test_answer_side_has_no_reference_to_people(submitted):
    for model in ANSWER_SIDE:
        for field in model._meta.concrete_fields:
            if isinstance(field, models.ForeignKey):
                assert (
                    field.related_model not in (Staff, AudienceMember, Session) or field.name == "respondent"
                )
            assert not isinstance(field, models.DateTimeField), f"{model.__name__}.{field.name} keeps a time"
            assert not isinstance(field, models.GenericIPAddressField)
            assert not isinstance(field, (models.AutoField, models.BigAutoField)), "sequential id"
    assert not Response.objects.exclude(respondent=None).exists()


def test_identity_side_records_nothing_at_submission(submitted):
    after = list(AudienceMember.objects.order_by("pk").values_list("pk", "staff_id"))
    assert after == submitted["members_before"], "no identity row may be created when people submit"
    for field in AudienceMember._meta.concrete_fields:
        assert not isinstance(field, (models.DateTimeField, models.DateField)), field.name
    assert all(draft == {} for draft in AudienceMember.objects.values_list("draft", flat=True))


def joinable(identity_field, answer_field) -> bool:
    """Columns that could hold the same thing: both point at the same model, both are keys,
    or they share a name."""
    if identity_field.is_relation and answer_field.is_relation:
        return identity_field.related_model is answer_field.related_model
    return (
        identity_field.primary_key and answer_field.primary_key
    ) or identity_field.name == answer_field.name


def test_no_column_joins_an_answer_to_a_person(submitted):
    """Every pairing of an identity-side column with an answer-side column that could match.

    Department and grade are shared by all twelve people here, so they pick out no one; the
    results pages protect small groups by suppression.
    """
    tried = _try_every_join(submitted["survey"])
    assert tried >= 4  # id~id, department, grade, respondent~staff at least
    secrets = dict(Answer.objects.exclude(text="").values_list("text", "response_id"))
    assert set(secrets) == set(submitted["truth"])


def _try_every_join(survey) -> int:
    """Assert that no identity-side column joins an answer-side row to exactly one person."""
    identity = list(AudienceMember.objects.filter(survey=survey))
    tried = 0
    for model, rows in (
        (Response, list(Response.objects.filter(survey=survey))),
        (Answer, list(Answer.objects.filter(response__survey=survey))),
    ):
        for answer_field in model._meta.concrete_fields:
            for identity_field in AudienceMember._meta.concrete_fields:
                if "survey" in (answer_field.name, identity_field.name) or not joinable(
                    identity_field, answer_field
                ):
                    continue
                tried += 1
                for row in rows:
                    value = getattr(row, answer_field.attname)
                    matches = [m for m in identity if getattr(m, identity_field.attname) == value]
                    assert len(matches) != 1, (
                        f"{model.__name__}.{answer_field.name} = AudienceMember.{identity_field.name}"
                    )
    return tried


def test_context_groups_join_only_to_groups():
    """A course's feedback: two sessions of six people each join the survey as they complete,
    everyone answers. ``context_key`` now travels with the anonymous response, as department and
    grade do, and like them it joins a response to its group of six, never to one person. A
    session of one would be a group of one, exactly like a department of one: storage cannot hide
    that, the results do (the group is suppressed, with its complement)."""
    from intranet.surveys.results import survey_results_compute
    from intranet.surveys.services import survey_audience_add

    department = DepartmentFactory(name="정보체계팀")
    survey = build_bound_survey(context_key="learning.course:5")
    sessions = {
        f"learning.session:{n}": [StaffFactory(department=department, grade="5급") for _ in range(6)]
        for n in (1, 2)
    }
    lone = StaffFactory(department=department, grade="5급")
    for key, people in sessions.items():
        survey_audience_add(survey=survey, members=[(p, key) for p in people])
    survey_audience_add(survey=survey, members=[(lone, "learning.session:3")])
    everyone = [p for people in sessions.values() for p in people]
    random.Random(3).shuffle(everyone)
    for person in everyone:
        survey_submit(
            survey=survey,
            staff=person,
            raw=answer_payload(survey, **{"lead-1": 4, "free-1": f"비밀-{person.pk}"}),
        )
    survey_submit(survey=survey, staff=lone, raw=answer_payload(survey, **{"lead-1": 1}))
    survey_close(survey=survey)  # released from the holding area and sealed
    keys = Counter(Response.objects.filter(survey=survey).values_list("context_key", flat=True))
    # the session of one is merged at close (with the smallest other group, to reach five)
    assert "learning.session:3" not in keys and all(n >= 5 for n in keys.values()), keys
    assert set(keys) - {""} <= set(sessions)
    assert _try_every_join(survey) >= 5  # context_key is among the pairs tried
    groups = {g["key"]: g for g in survey_results_compute(survey_id=survey.pk)["groups"]["context_key"]}
    lone_group = groups.get("learning.session:3")
    assert lone_group is None or (lone_group["suppressed"] and "n" not in lone_group)


def test_storage_order_does_not_follow_submission_order(submitted):
    ids_in_key_order = list(Response.objects.order_by("id").values_list("submitted_on", flat=True))
    assert len(set(ids_in_key_order)) == 1, "only the date is kept"
    texts_by_key_order = [
        a.text for a in Answer.objects.exclude(text="").order_by("id").select_related("response")
    ]
    submission_order = [f"비밀-{p.pk}" for p in submitted["order"]]
    assert texts_by_key_order != submission_order
    by_response_key = [a.text for a in Answer.objects.exclude(text="").order_by("response_id")]
    assert by_response_key != submission_order


def test_identity_rows_keep_no_order_of_submission(submitted):
    """After everyone answered, identity rows are indistinguishable except by who they are."""
    rows = AudienceMember.objects.filter(survey=submitted["survey"]).values(
        "has_submitted", "draft", "reminders_sent", "department_id", "grade", "context_key"
    )
    assert len({tuple(sorted((k, str(v)) for k, v in r.items())) for r in rows}) == 1


def test_sessions_hold_nothing_about_answers(submitted):
    for session in Session.objects.all():
        decoded = str(session.get_decoded())
        assert "비밀" not in decoded and "survey" not in decoded
