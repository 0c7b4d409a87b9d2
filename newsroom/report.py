"""What the newsroom adds to the annual report (section 9): the card news issues of the year
(monthly in 2025) and the head of the agency's columns (원장 단상)."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.registry import Figure, Panel, annual_figures, register_report_years
from intranet.years import per_year

from .models import ArticlePage, CardNewsIssuePage


def figures(year: int) -> dict:
    return figures_by_year(years=[year])[year]


def figures_by_year(*, years) -> dict:
    """Two queries for any number of years: issues by year, columns by year of publication."""
    issues = dict(
        CardNewsIssuePage.objects.live()
        .filter(year__in=years)
        .order_by()
        .values("year")
        .annotate(n=Count("pk"))
        .values_list("year", "n")
    )
    column_pages = ArticlePage.objects.live().filter(kind=ArticlePage.Kind.COLUMN)
    columns = per_year(column_pages, "first_published_at", years, n=Count("pk"))
    return {year: _figures(year, issues.get(year, 0), columns.get(year, {"n": 0})["n"]) for year in years}


def _figures(year, issues, columns) -> dict:
    return {
        "figures": [
            Figure(
                "newsroom.card_news",
                "communication",
                _("카드뉴스 발행"),
                issues,
                _("호"),
                reverse("newsroom:archive_year", args=[year]),
                order=20,
            ),
            Figure(
                "newsroom.columns",
                "communication",
                _("원장 단상"),
                columns,
                _("편"),
                reverse("search") + "?q=원장 단상",
                order=12,
            ),
        ]
    }


def years():
    return CardNewsIssuePage.objects.live().order_by().values_list("year", flat=True).distinct()


annual_figures.register(
    Panel(
        key="newsroom.figures",
        title=_("뉴스룸"),
        template="",
        provider=figures,
        order=60,
        batch=figures_by_year,
        reads=(CardNewsIssuePage, ArticlePage),
    )
)
register_report_years("newsroom", years, reads=(CardNewsIssuePage,))
