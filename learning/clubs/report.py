"""What the study clubs add to the annual report (section 7): clubs that met in the year, the
competitions they entered and the awards they won."""

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.registry import Figure, Panel, annual_figures, register_report_years
from intranet.years import per_year

from .models import CompetitionEntry, Meeting


def figures(year: int) -> dict:
    return figures_by_year(years=[year])[year]


def figures_by_year(*, years) -> dict:
    """Two queries for any number of years: clubs that met by year, entries and awards by year."""
    clubs = per_year(Meeting.objects.all(), "held_on", years, n=Count("club", distinct=True))
    entries = per_year(
        CompetitionEntry.objects.all(),
        "held_on",
        years,
        entered=Count("pk"),
        awarded=Count("pk", filter=Q(result__endswith="상")),
    )
    none = {"entered": 0, "awarded": 0}
    return {year: _figures(clubs.get(year, {"n": 0})["n"], entries.get(year, none)) for year in years}


def _figures(clubs, entries) -> dict:
    url = reverse("learning_clubs:list")
    return {
        "figures": [
            Figure("clubs.active", "competence", _("활동한 학습 동호회"), clubs, _("개"), url, order=40),
            Figure(
                "clubs.entries",
                "competence",
                _("동호회 경진대회 참가"),
                entries["entered"],
                _("건"),
                url,
                order=41,
            ),
            Figure(
                "clubs.awards",
                "competence",
                _("동호회 경진대회 수상"),
                entries["awarded"],
                _("건"),
                url,
                order=42,
            ),
        ]
    }


def years():
    return [d.year for d in Meeting.objects.dates("held_on", "year")]


annual_figures.register(
    Panel(
        key="learning_clubs.figures",
        title=_("학습 동호회"),
        template="",
        provider=figures,
        order=12,
        batch=figures_by_year,
        reads=(Meeting, CompetitionEntry),
    )
)
register_report_years("learning_clubs", years, reads=(Meeting,))
