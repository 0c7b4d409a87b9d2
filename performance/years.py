"""Which plan a performance screen shows: ``?year=`` through the core year chooser.

Every plan year is offered; the default is the latest year whose plan has programmes, up to this
year (``intranet.years.year_default``), so an empty plan made in January for the new year does
not hide last year's. One query reads every plan with its programme count (one row a year).
"""

import datetime as dt

from django.db.models import Count

from intranet.years import YearChoice, year_choose

from .models import Plan


def plan_choose(request, *, today: dt.date | None = None) -> tuple[Plan | None, YearChoice]:
    """The plan of the chosen year (None when that year has no plan) and the chooser (1 query)."""
    plans = list(Plan.objects.annotate(programme_count=Count("programmes")).order_by("-year"))
    choice = year_choose(
        request,
        years=[p.year for p in plans],
        with_data=[p.year for p in plans if p.programme_count] or [p.year for p in plans],
        today=today,
    )
    return next((p for p in plans if p.year == choice.year), None), choice


def year_query(year: int | None) -> str:
    """``?year=2025`` for a redirect or link to another screen of the same plan year."""
    return f"?year={year}" if year else ""
