"""The education site's panel on the home dashboard ("my learning") and section on the profile."""

from django.utils.translation import gettext_lazy as _

from intranet.directory.selectors import staff_for_user
from intranet.links import page_url_finder
from intranet.registry import FeedAddress, Panel, dashboard_panels, profile_sections, register_feed_address

from . import selectors


def my_learning(request):
    me = staff_for_user(request.user)
    if me is None:
        return None
    data = selectors.my_learning(staff=me, with_hours=False)
    if not data["upcoming"] and not data["completions"]:
        return None
    data["is_self"] = True
    return _with_course_links(data)


def person_learning(request, person):
    data = selectors.my_learning(staff=person, with_hours=False)
    if not data["upcoming"] and not data["completions"]:
        return None
    # "나의 교육 전체 보기" opens the viewer's own page: offer it on one's own profile only.
    data["is_self"] = person.user_id is not None and person.user_id == request.user.pk
    return _with_course_links(data)


def _with_course_links(data: dict) -> dict:
    """Each enrolment's course address, with the site root paths read once for the list
    (``page.url`` in the template read them from the cache for every row)."""
    url = page_url_finder()
    for enrolment in data["upcoming"]:
        enrolment.course_url = url(enrolment.session.course)
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
    )
)


def _calendar_path(key: str) -> str:
    from django.urls import reverse

    return reverse("learning:calendar_feed", args=[key])


register_feed_address(
    FeedAddress(key="learning.calendar", label=_("교육 일정 캘린더(iCal)"), path=_calendar_path)
)
