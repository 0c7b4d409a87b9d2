"""What the PR log and partnerships add to the annual report (section 9): PR activities through
the media (2025: 16) and the MOUs and exchanges with other institutions."""

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.registry import Figure, Panel, annual_figures, register_report_years
from intranet.roles import Role, has_role
from intranet.years import per_year

from .models import Partnership, PrActivity


def figures(year: int) -> dict:
    return figures_by_year(years=[year])[year]


def figures_by_year(*, years) -> dict:
    """Two queries for any number of years: PR counts by year, the years' MOUs and exchanges
    (partners in the order they were signed)."""
    pr = per_year(PrActivity.objects.all(), "date", years, n=Count("pk"))
    partners = {(year, kind): [] for year in years for kind in Partnership.Kind.values}
    rows = (
        Partnership.objects.filter(date__year__in=years)
        .order_by("date", "pk")
        .values_list("date", "kind", "partner")
    )
    for date, kind, partner in rows:
        partners.setdefault((date.year, kind), []).append(partner)
    return {year: _figures(year, pr.get(year, {"n": 0})["n"], partners) for year in years}


def _figures(year, pr, partners) -> dict:
    mou_partners = partners[(year, Partnership.Kind.MOU)]
    exchange_partners = partners[(year, Partnership.Kind.EXCHANGE)]
    counts = {"mou": len(mou_partners), "exchange": len(exchange_partners)}
    links = reverse("newsroom_activity:partnerships")
    return {
        "figures": [
            Figure(
                "newsroom.pr",
                "communication",
                _("홍보매체를 통한 기관 활동·성과 홍보"),
                pr,
                _("회"),
                reverse("newsroom_activity:pr_list") + "?" + urlencode({"year": year}),
                url_for=lambda user: has_role(user, Role.EDITOR),  # the PR log is the editors'
                order=30,
            ),
            Figure(
                "newsroom.mou",
                "communication",
                _("업무협약(MOU) 체결"),
                counts["mou"],
                _("건"),
                links,
                detail=", ".join(mou_partners),
                order=50,
            ),
            Figure(
                "newsroom.exchange",
                "communication",
                _("유관기관 교류"),
                counts["exchange"],
                _("건"),
                links,
                detail=", ".join(exchange_partners),
                order=51,
            ),
        ]
    }


def years():
    return {d.year for d in PrActivity.objects.dates("date", "year")}


annual_figures.register(
    Panel(
        key="newsroom_activity.figures",
        title=_("홍보와 협력"),
        template="",
        provider=figures,
        order=61,
        batch=figures_by_year,
        reads=(PrActivity, Partnership),
    )
)
register_report_years("newsroom_activity", years, reads=(PrActivity,))
