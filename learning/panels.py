"""The education site's panel on the home dashboard ("my learning") and section on the profile."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from intranet.directory.sections import follow_writes, profile_sections_changed
from intranet.directory.selectors import staff_for_user
from intranet.kept_queries import KeptQuery
from intranet.links import page_url_finder
from intranet.registry import FeedAddress, Panel, dashboard_panels, profile_sections, register_feed_address
from intranet.routing import connect_page_writes

from .models import Completion, Enrolment, Session
from .selectors import _waitlist_places as waitlist_places

ACTIVE_STATES = (
    Enrolment.State.ENROLLED,
    Enrolment.State.PENDING,
    Enrolment.State.WAITLISTED,
    Enrolment.State.ATTENDED,
)
STATE_LABELS = dict(Enrolment.State.choices)

# What ``selectors.my_learning`` reads for the lists, as plain columns, compiled once a process
# (``intranet.kept_queries``): the panel is on every dashboard view.
UPCOMING = KeptQuery(
    lambda staff: (
        Enrolment.objects.filter(staff_id=staff, state__in=ACTIVE_STATES, session__completed_at__isnull=True)
        .order_by("session__starts_at")
        .values_list(
            "state",
            "queue_number",
            "session_id",
            "session__starts_at",
            "session__course__title",
            "session__course_id",
            "session__course__url_path",
        )
    ),
    "staff",
)
COMPLETIONS = KeptQuery(
    lambda staff: (
        Completion.objects.filter(staff_id=staff)
        .order_by("-completed_on")
        .values_list("completed_on", "hours", "course__title")[:5]  # the panel shows five
    ),
    "staff",
)


@dataclass
class UpcomingRow:
    state: str
    queue_number: int
    session_id: int
    starts_at: object
    course_title: str
    course_url: str | None
    ahead: int = 0

    def get_state_display(self) -> str:
        return str(STATE_LABELS.get(self.state, self.state))


@dataclass(frozen=True)
class CompletionRow:
    completed_on: object
    hours: object
    course_title: str


def learning_rows(*, staff) -> dict:
    """The person's enrolments still ahead (with their waitlist place) and their five latest
    completions, as ``selectors.my_learning`` lists them (without the year's hours): two
    queries, three when the person waits on a waitlist."""
    url = page_url_finder()
    upcoming = [
        UpcomingRow(state, number, session_id, starts_at, title, url(Page(id=course_id, url_path=path)))
        for state, number, session_id, starts_at, title, course_id, path in UPCOMING.rows(staff=staff.pk)
    ]
    waitlist_places(upcoming)
    completions = [CompletionRow(*row) for row in COMPLETIONS.rows(staff=staff.pk)]
    return {"staff": staff, "upcoming": upcoming, "completions": completions}


def my_learning(request):
    me = staff_for_user(request.user)
    if me is None:
        return None
    data = learning_rows(staff=me)
    if not data["upcoming"] and not data["completions"]:
        return None
    data["is_self"] = True
    return data


def person_learning(request, person):
    data = learning_rows(staff=person)
    if not data["upcoming"] and not data["completions"]:
        return None
    # "나의 교육 전체 보기" opens the viewer's own page: offer it on one's own profile only.
    data["is_self"] = person.user_id is not None and person.user_id == request.user.pk
    return data


dashboard_panels.register(
    Panel(
        key="learning.my_learning",
        title=_("나의 교육"),
        template="learning/panels/my_learning.html",
        provider=my_learning,
        order=20,
    )
)
profile_sections.register(
    Panel(
        key="learning.learning",
        title=_("교육 이력"),
        template="learning/panels/my_learning.html",
        provider=person_learning,
        order=20,
        kept=True,
    )
)
follow_writes(Session, Enrolment, Completion, uid="learning.profile")
connect_page_writes(profile_sections_changed, "learning.profile")  # a course's title or address


def _calendar_path(key: str) -> str:
    from django.urls import reverse

    return reverse("learning:calendar_feed", args=[key])


register_feed_address(
    FeedAddress(key="learning.calendar", label=_("교육 일정 캘린더(iCal)"), path=_calendar_path)
)
