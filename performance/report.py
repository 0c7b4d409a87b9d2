"""What the performance programme adds to the annual report: section 8's plan by origin (2025: 40
programmes, 18 from evaluation feedback, 7 from staff), the mid-year analysis meeting and the
best-practice contest's awards; and, for sections 1)–6), every indicator with a reported result
(baseline → result, the way the agency writes "('24) 2,278명 → ('25) 12,575명")."""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.registry import Figure, Panel, annual_figures, register_report_years

from .models import KPI, Contest, Entry, Plan, Programme, Snapshot

Origin = Programme.Origin


def figures(year: int) -> dict | None:
    return figures_by_year(years=[year])[year]


def figures_by_year(*, years) -> dict:
    """Four queries for any number of years: the plans' counts, the snapshots, the contests, the
    indicators, each grouped by the plan's year. A year without a plan has no figures (None)."""
    by_year = "plan__year"
    counts = {
        row[by_year]: row
        for row in Programme.objects.filter(plan__year__in=years)
        .order_by()
        .values(by_year)
        .annotate(
            total=Count("pk"),
            feedback=Count("pk", filter=Q(origin=Origin.FEEDBACK)),
            proposal=Count("pk", filter=Q(origin=Origin.PROPOSAL)),
            awarded=Count("pk", filter=Q(award_tier__gt="")),
        )
    }
    meetings = {
        row[by_year]: row
        for row in Snapshot.objects.filter(plan__year__in=years)
        .order_by()
        .values(by_year)
        .annotate(first_half=Count("pk", filter=Q(cut_off__month__lte=6)), all=Count("pk"))
    }
    entries = dict(
        Entry.objects.filter(contest__plan__year__in=years, contest__is_decided=True)
        .order_by()
        .values("contest__plan__year")
        .annotate(n=Count("pk"))
        .values_list("contest__plan__year", "n")
    )
    kpis: dict[int, list] = {year: [] for year in years}
    for kpi in (
        KPI.objects.filter(programme__plan__year__in=years, actual__isnull=False)
        .select_related("programme__plan")
        .order_by("programme__code", "order", "pk")
    ):
        kpis[kpi.programme.plan.year].append(kpi)
    return {
        year: _figures(
            year,
            counts[year],
            meetings.get(year, {"first_half": 0, "all": 0}),
            entries.get(year, 0),
            kpis[year],
        )
        if counts.get(year, {}).get("total")
        else None  # no plan that year
        for year in years
    }


def _figures(year, counts, meetings, entries, kpis) -> dict:
    def url(name="performance:overview", **query):
        return reverse(name) + "?" + urlencode({"year": year, **query})

    rows = [
        Figure(
            "performance.programmes",
            "performance",
            _("성과업무 프로그램"),
            counts["total"],
            _("개"),
            url(),
            order=10,
        ),
        Figure(
            "performance.feedback",
            "performance",
            _("전년도 개선 요구사항 반영 과제"),
            counts["feedback"],
            _("개"),
            url(origin=Origin.FEEDBACK),
            order=11,
        ),
        Figure(
            "performance.proposal",
            "performance",
            _("내부직원 의견 수렴 신규 발굴 과제"),
            counts["proposal"],
            _("개"),
            url(origin=Origin.PROPOSAL),
            order=12,
        ),
        Figure(
            "performance.midyear",
            "performance",
            _("상반기 성과분석 회의"),
            meetings["first_half"],
            _("회"),
            url("performance:snapshots"),
            order=20,
        ),
        Figure(
            "performance.contest_entries",
            "performance",
            _("우수성과 공유대회 참가 과제"),
            entries,
            _("개"),
            url("performance:contest"),
            order=30,
        ),
        Figure(
            "performance.awards",
            "performance",
            _("우수성과 포상 과제"),
            counts["awarded"],
            _("개"),
            url("performance:contest"),
            order=31,
        ),
    ]
    for kpi in kpis:
        rows.append(
            Figure(
                f"performance.kpi:{kpi.programme.code}:{kpi.pk}",
                "results",
                kpi.name,
                kpi.actual,
                kpi.unit,
                reverse("performance:programme", args=[kpi.programme_id]),
                detail=kpi.programme.title,
                previous=kpi.baseline,
                higher_is_better=kpi.target >= kpi.baseline,
                order=10,
            )
        )
    return {"figures": rows}


def years():
    return Plan.objects.values_list("year", flat=True)


annual_figures.register(
    Panel(
        key="performance.figures",
        title=_("성과업무 프로그램"),
        template="",
        provider=figures,
        order=30,
        batch=figures_by_year,
        reads=(Plan, Programme, Snapshot, Contest, Entry, KPI),
    )
)
register_report_years("performance", years, reads=(Plan,))
