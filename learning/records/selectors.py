"""Reads of external learning records, each in a fixed number of queries."""

from decimal import Decimal

from django.db.models import Sum

from intranet.directory.models import Staff

from .models import ExternalRecord, RecordEvent


def approved_hours_by_staff(year: int) -> dict[int, Decimal]:
    """Staff id → approved external learning hours dated in ``year`` (one aggregate query).

    An hour source of the education hours dashboard: a record counts in the year it was learned
    (a conference's last day, a certificate's date of issue)."""
    rows = (
        ExternalRecord.objects.filter(status=ExternalRecord.Status.APPROVED, learned_on__year=year)
        .values("staff_id")
        .annotate(total=Sum("hours"))
        .order_by()
    )
    return {row["staff_id"]: row["total"] for row in rows}


def records_of(*, staff: Staff):
    """A person's records, newest first, for "my records" (one query)."""
    return (
        ExternalRecord.objects.filter(staff=staff)
        .select_related("reviewed_by")
        .order_by("-learned_on", "-pk")
    )


def approved_of(*, staff: Staff) -> tuple[list[ExternalRecord], Decimal]:
    """Approved records shown on the profile, and their hours (one query)."""
    rows = list(
        ExternalRecord.objects.filter(staff=staff, status=ExternalRecord.Status.APPROVED).order_by(
            "-learned_on", "-pk"
        )
    )
    return rows, sum((r.hours for r in rows), Decimal(0))


def review_queue():
    """Records waiting for review, oldest first (the queue table's query)."""
    return (
        ExternalRecord.objects.filter(status=ExternalRecord.Status.SUBMITTED)
        .select_related("staff", "staff__department")
        .order_by("submitted_at", "pk")
    )


def approved_in_year(*, year: int, kind: str = ""):
    """The approved records learned in the year (of one kind if given), by learning date."""
    qs = ExternalRecord.objects.filter(status=ExternalRecord.Status.APPROVED, learned_on__year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.select_related("staff", "staff__department").order_by("learned_on", "pk")


def record_years() -> list[int]:
    """The years with approved records (one query)."""
    return [
        d.year
        for d in ExternalRecord.objects.filter(status=ExternalRecord.Status.APPROVED).dates(
            "learned_on", "year"
        )
    ]


def record_detail(*, pk: int) -> ExternalRecord:
    return ExternalRecord.objects.select_related("staff", "staff__department", "reviewed_by").get(pk=pk)


def record_history(*, record: ExternalRecord) -> list[RecordEvent]:
    return list(record.events.select_related("by").order_by("at", "pk"))
