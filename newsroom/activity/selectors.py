"""Reads of the PR log and the partnerships, each in a fixed number of queries."""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.db.models.functions import ExtractYear

from .models import Channel, Partnership, PartnershipDocument, PrActivity, PrAttachment


def pr_activities() -> QuerySet[PrActivity]:
    """Every activity with its attachments (one query for the page's rows, one for the files)."""
    return PrActivity.objects.prefetch_related(
        Prefetch("attachments", queryset=PrAttachment.objects.order_by("pk"))
    ).order_by("-date", "-pk")


def pr_years() -> list[int]:
    return sorted({d.year for d in PrActivity.objects.dates("date", "year")}, reverse=True)


@dataclass
class YearCounts:
    year: int
    counts: list[int]  # in the order of ``Channel``
    total: int


def pr_yearly_counts() -> list[YearCounts]:
    """Activities per year and channel, newest year first: one grouped query."""
    rows = (
        PrActivity.objects.annotate(year=ExtractYear("date"))
        .values("year", "channel")
        .annotate(n=Count("pk"))
        .order_by()
    )
    table: dict[int, dict[str, int]] = defaultdict(dict)
    for row in rows:
        table[row["year"]][row["channel"]] = row["n"]
    return [
        YearCounts(
            year=year,
            counts=[table[year].get(c, 0) for c in Channel.values],
            total=sum(table[year].values()),
        )
        for year in sorted(table, reverse=True)
    ]


def partnerships() -> QuerySet[Partnership]:
    return (
        Partnership.objects.select_related("department")
        .prefetch_related(Prefetch("documents", queryset=PartnershipDocument.objects.order_by("pk")))
        .order_by("-date", "-pk")
    )
