"""Reads of the advisory committee, each in a fixed number of queries whatever the years of data.

The committee page reads the members with their terms in two queries and one year's meetings
(the year chooser) in one more; the advice table pages through one filtered query with its
related rows joined or prefetched.
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from intranet.directory.models import Department, Staff
from intranet.years import per_year

from .cache import DOMAIN_ROWS_KEY, MEETING_YEARS_KEY, cached
from .models import (
    Advice,
    AdviceUpdate,
    AgendaItem,
    Attendance,
    Ceremony,
    Domain,
    Meeting,
    Member,
    Recusal,
    Term,
)

# --- the committee ----------------------------------------------------------------------------------


@dataclass
class MemberRow:
    member: Member
    terms: list[Term]
    current: Term | None
    last: Term | None


@dataclass
class DomainGroup:
    domain: Domain
    current: list[MemberRow] = field(default_factory=list)
    past: list[MemberRow] = field(default_factory=list)


ROLE_ORDER = {Member.Role.CHAIR: 0, Member.Role.VICE_CHAIR: 1, Member.Role.MEMBER: 2}


def committee(*, today: dt.date | None = None) -> list[DomainGroup]:
    """Every domain with its current members (a term covering ``today``) and its past members
    (no current term, at least one ended): three queries (domains, members, terms)."""
    today = today or timezone.localdate()
    domains = {d.pk: DomainGroup(domain=d) for d in Domain.objects.order_by("sort_order", "pk")}
    members = Member.objects.select_related("domain").prefetch_related(
        Prefetch("terms", queryset=Term.objects.order_by("starts_on"))
    )
    for member in members:
        terms = list(member.terms.all())
        current = next((t for t in terms if t.covers(today)), None)
        ended = [t for t in terms if t.ends_on < today]
        row = MemberRow(member=member, terms=terms, current=current, last=terms[-1] if terms else None)
        group = domains[member.domain_id]
        if current is not None:
            group.current.append(row)
        elif ended:
            group.past.append(row)
    for group in domains.values():
        group.current.sort(key=lambda r: (ROLE_ORDER.get(r.member.role, 9), r.member.name))
        group.past.sort(key=lambda r: (-r.last.ends_on.toordinal(), r.member.name))
    return list(domains.values())


def meeting_years() -> tuple[int, ...]:
    """The years with a meeting, latest first (cached until a meeting changes, ``cache.py``)."""
    return cached(MEETING_YEARS_KEY, _meeting_years_compute)


def _meeting_years_compute() -> tuple[int, ...]:
    return tuple(sorted({d.year for d in Meeting.objects.dates("held_at", "year")}, reverse=True))


def domain_rows() -> tuple[tuple[str, str], ...]:
    """(pk, name) of every domain in their order, for the advice filter (cached until a domain
    changes, ``cache.py``)."""
    return cached(DOMAIN_ROWS_KEY, _domain_rows_compute)


def _domain_rows_compute() -> tuple[tuple[str, str], ...]:
    return tuple(
        (str(pk), name) for pk, name in Domain.objects.order_by("sort_order", "pk").values_list("pk", "name")
    )


def approved_meetings(*, year: int) -> QuerySet[Meeting]:
    """Meetings of the year whose minutes are approved (what staff may read), with item counts."""
    return (
        Meeting.objects.filter(held_at__year=year, minutes_status=Meeting.MinutesStatus.APPROVED)
        .annotate(item_count=Count("items", distinct=True), advice_count=Count("advice", distinct=True))
        .order_by("held_at")
    )


def all_meetings(*, year: int) -> QuerySet[Meeting]:
    """Every meeting of the year, drafts too (for secretaries)."""
    return (
        Meeting.objects.filter(held_at__year=year)
        .annotate(item_count=Count("items", distinct=True), advice_count=Count("advice", distinct=True))
        .order_by("held_at")
    )


def ceremonies(*, limit: int = 5) -> list[Ceremony]:
    """The latest ceremonies for the committee page's list (title, date and place, not the photo)."""
    return list(Ceremony.objects.only("title", "held_on", "place").order_by("-held_on", "-pk")[:limit])


def ceremony_detail(*, pk: int) -> Ceremony:
    return (
        Ceremony.objects.select_related("photo")
        .prefetch_related(Prefetch("attendees", queryset=Member.objects.select_related("domain")))
        .get(pk=pk)
    )


# --- meetings and quorum ----------------------------------------------------------------------------


@dataclass
class QuorumRow:
    """An agenda item's quorum: ``counted`` is the members present minus those who recused."""

    item: AgendaItem
    enrolled: int
    present: int
    recused: list[Member]
    counted: int
    required: int
    has_advice: bool

    @property
    def met(self) -> bool:
        return self.counted >= self.required


def required_for(enrolled: int) -> int:
    """재적위원 과반수: more than half of the members in office on the meeting day."""
    return enrolled // 2 + 1


def quorum(*, meeting: Meeting) -> list[QuorumRow]:
    """Each agenda item's quorum (four queries whatever the meeting's size)."""
    day = timezone.localtime(meeting.held_at).date()
    enrolled = Term.objects.filter(starts_on__lte=day, ends_on__gte=day).values("member").distinct().count()
    present = set(
        Attendance.objects.filter(meeting=meeting, present=True).values_list("member_id", flat=True)
    )
    items = list(
        AgendaItem.objects.filter(meeting=meeting)
        .annotate(n_advice=Count("advice"))
        .prefetch_related(Prefetch("recusals", queryset=Recusal.objects.select_related("member")))
        .order_by("order", "pk")
    )
    rows = []
    for item in items:
        recused = [r.member for r in item.recusals.all()]
        counted = len(present - {m.pk for m in recused})
        rows.append(
            QuorumRow(
                item=item,
                enrolled=enrolled,
                present=len(present),
                recused=recused,
                counted=counted,
                required=required_for(enrolled),
                has_advice=item.n_advice > 0,
            )
        )
    return rows


def meeting_detail(*, pk: int) -> Meeting:
    return Meeting.objects.select_related("minutes_approved_by").get(pk=pk)


def meeting_items(*, meeting: Meeting) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter_department", "presenter")
        .prefetch_related(
            Prefetch("recusals", queryset=Recusal.objects.select_related("member")),
            Prefetch("advice", queryset=Advice.objects.select_related("department").order_by("pk")),
        )
        .order_by("order", "pk")
    )


def meeting_attendance(*, meeting: Meeting) -> list[Attendance]:
    return list(
        Attendance.objects.filter(meeting=meeting)
        .select_related("member", "member__domain")
        .order_by("member__name")
    )


def allowance_rows(*, year: int) -> QuerySet[Attendance]:
    """Allowances owed in a year: one row per member present at a meeting, for the payment sheet."""
    return (
        Attendance.objects.filter(meeting__held_at__year=year, present=True)
        .select_related("meeting", "member", "member__domain")
        .order_by("meeting__held_at", "member__name")
    )


# --- advice -----------------------------------------------------------------------------------------


def advice_list() -> QuerySet[Advice]:
    """The follow-up table's rows: meeting, item, department and domain joined; one query a page."""
    return Advice.objects.select_related("meeting", "item", "domain", "department", "programme").order_by(
        "-meeting__held_at", "pk"
    )


def advice_detail(*, pk: int) -> Advice:
    return (
        Advice.objects.select_related(
            "meeting", "item", "domain", "department", "department__head", "programme", "responded_by"
        )
        .prefetch_related(
            Prefetch("given_by", queryset=Member.objects.select_related("domain")),
            Prefetch("updates", queryset=AdviceUpdate.objects.select_related("by").order_by("at", "pk")),
        )
        .get(pk=pk)
    )


def advice_overdue(*, today: dt.date) -> QuerySet[Advice]:
    return Advice.objects.filter(stage=Advice.Stage.AWAITING, due_on__lt=today).select_related(
        "department", "department__head", "meeting"
    )


def advice_for_programme(*, programme_id: int) -> list[Advice]:
    return list(
        Advice.objects.filter(programme_id=programme_id)
        .select_related("meeting", "department")
        .order_by("-meeting__held_at", "pk")
    )


def person_presented(*, staff: Staff) -> list[AgendaItem]:
    return list(
        AgendaItem.objects.filter(presenter=staff)
        .select_related("meeting")
        .order_by("-meeting__held_at", "order")[:20]
    )


def department_advice(*, department: Department) -> list[Advice]:
    return list(
        Advice.objects.filter(department=department)
        .select_related("meeting")
        .order_by("-meeting__held_at", "pk")[:20]
    )


def advice_domains(advice_ids) -> dict[int, list[str]]:
    """The domains of the members who gave each piece of advice (one query)."""
    rows = Advice.given_by.through.objects.filter(advice_id__in=list(advice_ids)).values_list(
        "advice_id", "member__domain__name"
    )
    domains: dict[int, set[str]] = defaultdict(set)
    for advice_id, name in rows:
        domains[advice_id].add(name)
    return {k: sorted(v) for k, v in domains.items()}


# --- figures ----------------------------------------------------------------------------------------


def annual_figures(*, year: int) -> dict:
    """The year's figures for the annual report: members in office by domain (at any time in the
    year), meetings held, advice given, accepted (fully or partly), implemented (or closed after
    implementation)."""
    return annual_figures_by_year(years=[year])[year]


def annual_figures_by_year(*, years) -> dict[int, dict]:
    """``annual_figures`` of several years in three queries: members by domain (a count per
    year), advice by the year of its meeting, meetings by year."""
    members = {}
    for year in years:
        start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
        members[f"n{year}"] = Count(
            "members",
            filter=Q(members__terms__starts_on__lte=end, members__terms__ends_on__gte=start),
            distinct=True,
        )
    domains = list(Domain.objects.annotate(**members).order_by("sort_order", "pk").values("name", *members))
    advice = per_year(
        Advice.objects.all(),
        "meeting__held_at",
        years,
        given=Count("pk"),
        accepted=Count("pk", filter=Q(response__in=[Advice.Response.ACCEPTED, Advice.Response.PARTLY])),
        implemented=Count(
            "pk", filter=Q(stage=Advice.Stage.IMPLEMENTED) | Q(stage=Advice.Stage.CLOSED, progress=100)
        ),
    )
    meetings = per_year(Meeting.objects.all(), "held_at", years, n=Count("pk"))
    result = {}
    for year in years:
        by_domain = {row["name"]: row[f"n{year}"] for row in domains}
        given = advice.get(year, {"given": 0, "accepted": 0, "implemented": 0})
        result[year] = {
            "year": year,
            "members_by_domain": by_domain,
            "members": sum(by_domain.values()),
            "meetings": meetings.get(year, {"n": 0})["n"],
            "advice_given": given["given"],
            "advice_accepted": given["accepted"],
            "advice_implemented": given["implemented"],
        }
    return result
