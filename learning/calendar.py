"""A per-person iCalendar feed of the sessions one holds a seat in or waits for.

Calendar clients cannot log in, so the feed URL carries a per-person secret: an HMAC of the staff
id under the project's SECRET_KEY (``salted_hmac``), checked in constant time. No table is needed;
rotating the salt (``FEED_SALT``) or the secret key revokes every feed at once. The URL shows
course titles and times only, never other people's data.
"""

from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from icalendar import Calendar, Event

from .models import Enrolment

FEED_SALT = "learning.calendar.v1"


def feed_token(staff_id: int) -> str:
    return f"{staff_id}-{salted_hmac(FEED_SALT, str(staff_id)).hexdigest()[:32]}"


def staff_id_for_token(token: str) -> int | None:
    number, _, _mac = token.partition("-")
    if not number.isdigit():
        return None
    return int(number) if constant_time_compare(feed_token(int(number)), token) else None


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
        calendar.add_component(event)
    return calendar.to_ical()
