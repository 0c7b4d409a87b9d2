"""Reads of study clubs, each in a fixed number of queries."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q

from intranet.directory.models import Staff

from .models import Club, CompetitionEntry, Meeting, Membership


def club_list():
    """Every club with its leader and current member count (one query)."""
    return Club.objects.select_related("leader", "leader__department").annotate(
        member_count=Count("memberships", filter=Q(memberships__left_at__isnull=True))
    )


@dataclass
class ClubPage:
    club: Club
    members: list[Staff]
    meetings: list[Meeting]
    entries: list[CompetitionEntry]


def club_page(*, pk: int, meetings_shown: int = 20) -> ClubPage:
    """The club, its members, recent meetings with attendees and entries with teams (5 queries)."""
    club = Club.objects.select_related("leader", "leader__department").get(pk=pk)
    members = [
        m.staff
        for m in Membership.objects.filter(club=club, left_at__isnull=True)
        .select_related("staff", "staff__department")
        .order_by("staff__name", "staff__pk")
    ]
    staff_only = Staff.objects.only("pk", "name", "employee_number")
    meetings = list(
        Meeting.objects.filter(club=club)
        .order_by("-held_on", "-pk")
        .prefetch_related(Prefetch("attendees", queryset=staff_only.order_by("name")))[:meetings_shown]
    )
    entries = list(
        CompetitionEntry.objects.filter(club=club)
        .order_by("-held_on", "-pk")
        .prefetch_related(Prefetch("team", queryset=staff_only.order_by("name")))
    )
    return ClubPage(club=club, members=members, meetings=meetings, entries=entries)


def clubs_of(*, staff: Staff) -> list[Club]:
    """The clubs a person leads or belongs to now (one query)."""
    return list(
        Club.objects.filter(Q(leader=staff) | Q(memberships__staff=staff, memberships__left_at__isnull=True))
        .distinct()
        .order_by("name")
    )
