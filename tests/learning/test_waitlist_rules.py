"""The waitlist rules under generated sequences of enrol / cancel / capacity changes.

Invariants after every step: never more seat-holders than seats; the waitlist is served in
first-come order (nobody waitlisted while someone who came later holds a promoted seat, and seats
are only free when nobody waits); one enrolment per person.
"""

import pytest
from django.db.models import Count
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learning import services
from learning.models import Enrolment, EnrolmentEvent
from learning.services import LearningError
from tests.factories import StaffFactory

from .builders import build_course, build_session, learning_admin

State = Enrolment.State
PEOPLE = 8

operations = st.lists(
    st.one_of(
        st.tuples(st.just("enrol"), st.integers(0, PEOPLE - 1)),
        st.tuples(st.just("cancel"), st.integers(0, PEOPLE - 1)),
        st.tuples(st.just("capacity"), st.integers(0, 6)),
    ),
    min_size=1,
    max_size=25,
)


@pytest.fixture
def world(db):
    return {"people": StaffFactory.create_batch(PEOPLE), "admin": learning_admin(), "course": build_course()}


def check_invariants(session):
    session.refresh_from_db()
    rows = list(session.enrolments.order_by("queue_number"))
    holders = [e for e in rows if e.state in Enrolment.SEAT_STATES]
    waiting = [e for e in rows if e.state == State.WAITLISTED]
    assert len(holders) <= session.capacity
    if waiting:
        assert len(holders) == session.capacity, "a seat is free while someone waits"
    # Everyone promoted from the waitlist came before everyone still waiting.
    promoted = set(
        EnrolmentEvent.objects.filter(enrolment__session=session, action="promote").values_list(
            "enrolment_id", flat=True
        )
    )
    for e in holders:
        if e.pk in promoted:
            assert all(e.queue_number < w.queue_number for w in waiting)
    assert not session.enrolments.values("staff").annotate(n=Count("pk")).filter(n__gt=1).exists()
    assert len({e.queue_number for e in rows}) == len(rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=operations, capacity=st.integers(0, 4))
def test_generated_sequences_keep_the_invariants(world, ops, capacity):
    session = build_session(world["course"], capacity=capacity)
    people, admin = world["people"], world["admin"]
    for op, value in ops:
        try:
            if op == "enrol":
                services.enrolment_create(session_id=session.pk, staff=people[value])
            elif op == "cancel":
                enrolment = session.enrolments.filter(staff=people[value]).first()
                if enrolment is None:
                    continue
                services.enrolment_cancel(enrolment_id=enrolment.pk, actor=people[value])
            else:
                services.session_capacity_change(session_id=session.pk, capacity=value, actor=admin)
        except LearningError:
            pass  # refused: must have changed nothing, which the invariants also cover
        check_invariants(session)
