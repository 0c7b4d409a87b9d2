"""An anonymous question is unlinkable to its sender: try every way to join it back, and fail.

Twelve people send anonymous questions through the real form, each from their own IP address and
session, in a shuffled order; each writes a distinct text so that the test, and only the test,
knows who wrote what. Run on SQLite and on PostgreSQL.
"""

import random

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import models
from django.test import Client

from intranet.directory.models import Staff
from newsroom.interviews.models import Question
from tests.factories import DepartmentFactory, StaffFactory, staff_with_login
from tests.newsroom.interviews.builders import leader

pytestmark = pytest.mark.django_db

PEOPLE = 12


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.managed}


@pytest.fixture
def sent():
    department = DepartmentFactory(name="정보체계팀")
    boss = leader(name="정대현")
    people = [staff_with_login(department=department, grade="5급") for _ in range(PEOPLE)]
    clients = {}
    for person in people:
        client = Client(REMOTE_ADDR=f"10.9.8.{person.pk % 250 + 1}")
        client.force_login(person.user)
        clients[person.pk] = client
    before = row_counts()
    order = people[:]
    random.Random(11).shuffle(order)
    truth = {}
    for person in order:
        client = clients[person.pk]
        form = client.get("/newsroom/interviews/").context["form"]
        secret = f"비밀질문-{person.pk}"
        response = client.post(
            "/newsroom/interviews/",
            {
                "leader": boss.pk,
                "text": secret,
                "identity": "anonymous",
                "submission_key": form["submission_key"].value(),
            },
        )
        assert response.status_code == 302, (
            response.context["form"].errors,
            response.context["form"].non_field_errors(),
        )
        truth[secret] = person
    return {
        "boss": boss,
        "people": people,
        "order": order,
        "truth": truth,
        "before": before,
        "clients": clients,
    }


def test_question_table_has_no_place_for_a_sender(sent):
    for field in Question._meta.concrete_fields:
        assert not isinstance(field, models.DateTimeField), f"Question.{field.name} keeps a time"
        assert not isinstance(field, models.GenericIPAddressField), field.name
        assert not isinstance(field, (models.AutoField, models.BigAutoField)), "sequential id"
        if field.is_relation:
            assert field.related_model in (
                Staff,
                Question,
                apps.get_model("newsroom_interviews", "InterviewPage"),
            )
    questions = Question.objects.filter(text__startswith="비밀질문-")
    assert questions.count() == PEOPLE
    assert not questions.exclude(asker=None).exists()
    assert set(questions.values_list("leader_id", flat=True)) == {sent["boss"].pk}
    assert not questions.exclude(decided_by=None).exists()


def test_asking_writes_nothing_but_the_question(sent):
    """No log row, no notification, no session change, no history anywhere else in the database."""
    after = row_counts()
    changed = {label: (sent["before"][label], n) for label, n in after.items() if n != sent["before"][label]}
    assert changed == {"newsroom_interviews.Question": (0, PEOPLE)}


def identity_values(person) -> set[str]:
    """Everything that singles a sender out: their staff row, their account, their sessions,
    their address."""
    user = User.objects.get(pk=person.user_id)
    values = {
        str(person.pk),
        person.employee_number,
        person.email,
        str(user.pk),
        user.username,
        f"10.9.8.{person.pk % 250 + 1}",
    }
    if user.last_login:
        values.add(str(user.last_login))
    for session in Session.objects.all():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            values.add(session.session_key)
    return values


def test_no_column_joins_a_question_to_its_sender(sent):
    """Every column of every anonymous question against every identifying value of every sender,
    and every identity-side row against the question's key and its form token."""
    tried = 0
    for question in Question.objects.filter(text__startswith="비밀질문-"):
        row = {f.name: getattr(question, f.attname) for f in Question._meta.concrete_fields}
        values = {str(v) for v in row.values() if v not in (None, "")}
        matches = [p for p in sent["people"] if values & identity_values(p)]
        tried += len(row)
        assert matches == [], f"question {question.pk} joins to {[p.pk for p in matches]}"
        keys = {str(question.pk), str(question.submission_key), question.pk.hex, question.submission_key.hex}
        for model in (Staff, User, Session):
            for identity_row in model.objects.values_list():
                assert not keys & {str(v) for v in identity_row}, model.__name__
    assert tried >= PEOPLE * len(Question._meta.concrete_fields)


def test_storage_and_key_order_do_not_follow_sending_order(sent):
    questions = Question.objects.filter(text__startswith="비밀질문-")
    assert len(set(questions.values_list("asked_on", flat=True))) == 1, "only the date is kept"
    sending_order = [f"비밀질문-{p.pk}" for p in sent["order"]]
    assert list(questions.order_by("id").values_list("text", flat=True)) != sending_order
    assert list(questions.order_by("submission_key").values_list("text", flat=True)) != sending_order


def test_sessions_and_messages_hold_nothing_about_the_question(sent):
    for session in Session.objects.all():
        decoded = str(session.get_decoded())
        assert "비밀질문" not in decoded and "question" not in decoded.lower()
    for client in sent["clients"].values():
        assert "비밀질문" not in str(client.cookies)


def test_no_ip_address_is_stored_anywhere(sent):
    addresses = {f"10.9.8.{p.pk % 250 + 1}" for p in sent["people"]}
    for model in apps.get_models():
        if not model._meta.managed:
            continue
        for row in model._default_manager.values_list():
            text = " ".join(str(v) for v in row)
            assert not any(a in text for a in addresses), model._meta.label


def test_named_question_is_linked_on_purpose(sent):
    """The contrast: a named question keeps its asker (to be told about the answer)."""
    someone = StaffFactory()
    client = sent["clients"][sent["people"][0].pk]
    form = client.get("/newsroom/interviews/").context["form"]
    client.post(
        "/newsroom/interviews/",
        {
            "leader": sent["boss"].pk,
            "text": "이름 밝힌 질문",
            "identity": "named",
            "submission_key": form["submission_key"].value(),
        },
    )
    assert Question.objects.get(text="이름 밝힌 질문").asker == sent["people"][0]
    assert someone.pk not in Question.objects.values_list("asker_id", flat=True)
