"""What the catalogue and the course pages show every reader alike, kept per generation
(``intranet.caching``): the catalogue's rendered result and each course page's sessions with their
seats taken and waiting (``course_sessions``; what is mine in them is read on every view).

The catalogue (the filter form and the table of course pages with their next session, seats left
and mode) reads nothing of the reader: the rendered fragment is kept under the catalogue's
generation, the language, the query string and the *moment*. A new generation starts when a
course page is written (``intranet.routing.connect_page_writes``: saved, published, unpublished,
moved, deleted), a session or an enrolment is saved or deleted, and when a service or a bulk
writer changes sessions with ``update()``/``bulk_create`` (they call ``catalogue_cache_clear``).

The table also depends on the clock: a session that has started no longer counts as upcoming
(its date and its seats leave the row), and one whose enrolment has closed no longer offers a
seat to the "seats left" filter. ``catalogue_moment`` is how many of those instants (the starts
and enrolment closings still ahead when the generation was computed) have passed: it changes, and
with it the key, the moment one passes.
"""

import bisect
import datetime as dt

from django.utils import timezone

from intranet.caching import Generational

SAFETY_SECONDS = 600  # a write that bypasses the signals (a shell's ``update()``) waits this long
# Bounded: the instants, and the sessions of the 63 course pages last shown, in each process.
_courses = Generational("learning:courses", SAFETY_SECONDS, limit=64)


def catalogue_cache_clear(**kwargs) -> None:
    """Start a new generation (now, and again once the current transaction has committed)."""
    _courses.invalidate()


def _instants_compute() -> tuple[float, ...]:
    from .models import Session

    now = timezone.now()
    instants = set()
    for starts, closes in Session.objects.filter(starts_at__gt=now).values_list(
        "starts_at", "enrol_closes_at"
    ):
        instants.add(starts.timestamp())  # upcoming while ``starts_at > now``
        if closes >= now:
            instants.add(closes.timestamp() + 1e-6)  # open while ``enrol_closes_at >= now``
    return tuple(sorted(instants))


def catalogue_moment(now: dt.datetime | None = None) -> str:
    """The catalogue's generation and how many of its instants have passed (part of the key of
    the kept fragment)."""
    generation = _courses.generation()
    instants = _courses.get("instants", _instants_compute)
    passed = bisect.bisect_right(instants, (now or timezone.now()).timestamp())
    return f"{generation}:{passed}"


def course_sessions(course_id: int) -> list:
    """The course's sessions in their order, annotated with ``taken`` and ``waiting``
    (``selectors.sessions_with_seats``). Shared: callers must not change them."""
    from .models import Session
    from .selectors import sessions_with_seats

    def compute():
        sessions = sessions_with_seats(Session.objects.filter(course_id=course_id))
        return list(sessions.order_by("starts_at", "pk"))

    return _courses.get(f"sessions:{course_id}", compute)


def connect() -> None:
    from django.db.models.signals import post_delete, post_save

    from intranet.routing import connect_page_writes

    from .models import Enrolment, Session

    connect_page_writes(catalogue_cache_clear, "learning.cache")
    for model in (Session, Enrolment):
        uid = f"learning.cache.{model._meta.label}"
        post_save.connect(catalogue_cache_clear, sender=model, dispatch_uid=f"{uid}.saved")
        post_delete.connect(catalogue_cache_clear, sender=model, dispatch_uid=f"{uid}.deleted")
