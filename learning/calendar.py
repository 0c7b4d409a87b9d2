"""A per-person iCalendar feed of the sessions one holds a seat in or waits for.

Calendar clients cannot log in, so the feed URL carries the person's feed key
(``intranet.feedkeys``: the same secret as the newsroom RSS feeds, renewed from the profile).
The URL shows course titles and times only, never other people's data.
"""

from django.utils import timezone
from icalendar import Calendar, Event

from intranet.feedkeys import feed_key, staff_id_for_feed_key
from intranet.links import absolute_url

from .models import Enrolment


def feed_token(staff_id: int) -> str:
    return feed_key(staff_id)


def staff_id_for_token(token: str) -> int | None:
    return staff_id_for_feed_key(token)


def feed_ical(*, staff_id: int, site_name: str = "이음") -> bytes:
    states = (
        Enrolment.State.ENROLLED,
        Enrolment.State.PENDING,
        Enrolment.State.WAITLISTED,
        Enrolment.State.ATTENDED,
    )
    calendar = Calendar()
    calendar.add("prodid", "-//Ieum//learning//KO")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{site_name} 교육")
    rows = (
        Enrolment.objects.filter(staff_id=staff_id, state__in=states)
        .select_related("session__course")
        .order_by("session__starts_at")
    )
    for enrolment in rows:
        session = enrolment.session
        event = Event()
        event.add("uid", f"learning-session-{session.pk}-{staff_id}@ieum")
        summary = session.course.title
        if enrolment.state == Enrolment.State.WAITLISTED:
            summary = f"[대기] {summary}"
        event.add("summary", summary)
        event.add("dtstart", session.starts_at)
        event.add("dtend", session.ends_at)
        event.add("dtstamp", timezone.now())
        event.add("location", session.online_url or session.place)
        if session.course.url:
            event.add("url", absolute_url(f"{session.course.url}#session-{session.pk}"))
        calendar.add_component(event)
    return calendar.to_ical()
