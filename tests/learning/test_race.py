"""Hundreds clicking at once: threads on the real test database (a SQLite file in WAL mode with
IMMEDIATE transactions, or PostgreSQL with the session row locked). Exactly the seats are taken."""

from django.db import connection

from learning import services
from learning.models import Enrolment
from tests.factories import StaffFactory

from .builders import build_session, run_together

State = Enrolment.State


def test_eighty_threads_thirty_seats_exactly_thirty_enrolled(migrated_db):
    if connection.vendor == "sqlite":
        assert connection.settings_dict["NAME"] != ":memory:" and "mode=memory" not in str(
            connection.settings_dict["NAME"]
        )
    session = build_session(capacity=30)
    people = StaffFactory.create_batch(80)
    errors = run_together(
        lambda person: services.enrolment_create(session_id=session.pk, staff=person), people
    )
    assert errors == []
    rows = list(Enrolment.objects.filter(session=session).order_by("queue_number"))
    assert len(rows) == 80
    assert sum(e.state == State.ENROLLED for e in rows) == 30
    assert sum(e.state == State.WAITLISTED for e in rows) == 50
    # First come, first served: the 30 seats went to the first 30 numbers.
    assert [e.state for e in rows] == [State.ENROLLED] * 30 + [State.WAITLISTED] * 50
    assert [e.queue_number for e in rows] == list(range(1, 81))
