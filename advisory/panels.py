"""What the advisory committee adds to the pages that gather every module (through the core
registry, so the core and the performance module import nothing from here): the department
head's dashboard panel, the staff profile section, the performance programme's section and the
annual figures."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from intranet.directory.sections import follow_writes
from intranet.directory.selectors import staff_for_user
from intranet.kept_queries import KeptQuery
from intranet.links import LinkedRow, url_maker
from intranet.registry import (
    Figure,
    Panel,
    annual_figures,
    dashboard_panels,
    profile_sections,
    record_sections,
    register_report_years,
)

from . import selectors
from .models import Advice, AgendaItem, Domain, Meeting, Member, Term

# Advice the department has still to answer, oldest deadline first, as the columns the panel
# shows, compiled once a process
# (``intranet.kept_queries``): a department head sees the panel on every dashboard view.
AWAITING = KeptQuery(
    lambda department: (
        Advice.objects.filter(department_id=department, stage=Advice.Stage.AWAITING)
        .order_by("due_on", "pk")
        .values_list("pk", "text", "due_on", "meeting__title")
    ),
    "department",
)


@dataclass(frozen=True)
class AwaitingRow(LinkedRow):
    pk: int
    text: str
    due_on: object
    meeting_title: str
    url: str


def awaiting_rows(*, department_id: int) -> list[AwaitingRow]:
    url = url_maker("advisory:advice", "pk")  # one reverse for the list
    return [
        AwaitingRow(pk, text, due_on, meeting_title, url(pk))
        for pk, text, due_on, meeting_title in AWAITING.rows(department=department_id)
    ]


def awaiting_response(request):
    """For a department head: the department's advice still to answer."""
    me = staff_for_user(request.user)
    if me is None or me.department_id is None or me.department.head_id != me.pk:
        return None
    rows = awaiting_rows(department_id=me.department_id)
    if not rows:
        return None
    return {"rows": rows, "department": me.department}


def person_advisory(request, person):
    """The agenda items the person presented and the advice their department owns."""
    presented = selectors.person_presented(staff=person)
    owned = selectors.department_advice(department=person.department) if person.department_id else []
    if not presented and not owned:
        return None
    return {"presented": presented, "owned": owned, "department": person.department}


def programme_advice(request, record):
    if record._meta.label != "performance.Programme":
        return None
    rows = selectors.advice_for_programme(programme_id=record.pk)
    if not rows:
        return None
    return {"rows": rows}


def figures(year):
    """Section 8 of the annual report: the committee in its domains, its meetings and advice."""
    return figures_by_year(years=[year])[year]


def figures_by_year(*, years) -> dict:
    """Three queries for any number of years (``selectors.annual_figures_by_year``)."""
    return {year: _figures(data) for year, data in selectors.annual_figures_by_year(years=years).items()}


def _figures(data):
    from urllib.parse import urlencode

    from django.urls import reverse

    year = data["year"]
    if not data["members"] and not data["meetings"]:
        return None
    query = "?" + urlencode({"year": year})
    committee, advice = reverse("advisory:committee") + query, reverse("advisory:advice_list") + query
    domains = [name for name, n in data["members_by_domain"].items() if n]
    rows = [
        Figure(
            "advisory.domains",
            "performance",
            _("자문위원 구성 영역"),
            len(domains),
            _("개"),
            committee,
            detail="·".join(domains),
            order=40,
        ),
        Figure(
            "advisory.members", "performance", _("자문위원"), data["members"], _("명"), committee, order=41
        ),
        Figure(
            "advisory.meetings",
            "performance",
            _("자문위원회 회의"),
            data["meetings"],
            _("회"),
            committee,
            order=42,
        ),
        Figure(
            "advisory.advice", "performance", _("자문의견"), data["advice_given"], _("건"), advice, order=43
        ),
        Figure(
            "advisory.accepted",
            "performance",
            _("수용한 자문의견(일부 수용 포함)"),
            data["advice_accepted"],
            _("건"),
            advice,
            order=44,
        ),
        Figure(
            "advisory.implemented",
            "performance",
            _("이행을 마친 자문의견"),
            data["advice_implemented"],
            _("건"),
            advice,
            order=45,
        ),
    ]
    return {"figures": rows, "data": data}


def years():
    return [d.year for d in Meeting.objects.dates("held_at", "year")]


dashboard_panels.register(
    Panel(
        key="advisory.awaiting",
        title=_("회신할 자문의견"),
        template="advisory/panels/awaiting.html",
        provider=awaiting_response,
        order=40,
    )
)
profile_sections.register(
    Panel(
        key="advisory.person",
        title=_("자문위원회"),
        template="advisory/panels/person.html",
        provider=person_advisory,
        order=40,
        kept=True,
    )
)
follow_writes(Meeting, AgendaItem, Advice, uid="advisory.profile")
record_sections.register(
    Panel(
        key="advisory.programme",
        title=_("관련 자문의견"),
        template="advisory/panels/programme.html",
        provider=programme_advice,
        order=40,
    )
)
annual_figures.register(
    Panel(
        key="advisory.figures",
        title=_("자문위원회"),
        template="",
        provider=figures,
        order=40,
        batch=figures_by_year,
        reads=(Domain, Member, Term, Meeting, Advice),
    )
)
register_report_years("advisory", years, reads=(Meeting,))
