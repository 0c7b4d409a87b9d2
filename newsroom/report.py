"""What the newsroom adds to the annual report (section 9): the card news issues of the year
(monthly in 2025) and the head of the agency's columns (원장 단상)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.registry import Figure, Panel, annual_figures, register_report_years

from .models import ArticlePage, CardNewsIssuePage


def figures(year: int) -> dict:
    """Two queries."""
    issues = CardNewsIssuePage.objects.live().filter(year=year).count()
    columns = (
        ArticlePage.objects.live().filter(kind=ArticlePage.Kind.COLUMN, first_published_at__year=year).count()
    )
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
    Panel(key="newsroom.figures", title=_("뉴스룸"), template="", provider=figures, order=60)
)
register_report_years("newsroom", years)
