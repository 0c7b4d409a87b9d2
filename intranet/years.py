"""The year chooser of every screen bound to a year (plan, contest, hours, programme review, …).

One scheme across the site: the year travels in the query string, ``?year=2025``; a URL without
it shows the default year, so every old address still works. The default is the latest year
with data up to this year — not an empty current year (in January the new year's plan may
exist and be empty) — or, when every year with data lies ahead, the earliest of them.
A screen passes the years it can show; ``year_choose`` reads the request and returns what the
include ``includes/year_chooser.html`` draws: a labelled ``<nav>`` of links, newest first.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils import timezone
from django.utils.translation import gettext as _

PARAM = "year"
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass(frozen=True)
class YearOption:
    year: int
    url: str
    is_current: bool


@dataclass(frozen=True)
class YearChoice:
    """The year a screen shows, the years it offers (newest first) and the links to them."""

    year: int
    years: tuple[int, ...]
    options: tuple[YearOption, ...]
    error: str = ""  # a Korean sentence when ``?year=`` was not a year
    is_default: bool = True

    @property
    def has_data(self) -> bool:
        return self.year in self.years

    def query(self) -> str:
        """``year=2025`` for links to the other screens of the same year."""
        return urlencode({PARAM: self.year})


def year_default(*, with_data: Iterable[int], today: dt.date | None = None) -> int:
    """The latest year with data up to this year; else the earliest year with data (all ahead);
    else this year."""
    this_year = (today or timezone.localdate()).year
    years = sorted(set(with_data))
    past = [y for y in years if y <= this_year]
    if past:
        return past[-1]
    return years[0] if years else this_year


def year_parse(raw: str | None) -> int | None:
    """A four-digit year in the supported range, or None."""
    raw = (raw or "").strip()
    if raw.isdigit() and FIRST_YEAR <= int(raw) <= LAST_YEAR:
        return int(raw)
    return None


def year_choose(
    request,
    *,
    years: Iterable[int],
    with_data: Iterable[int] | None = None,
    today: dt.date | None = None,
) -> YearChoice:
    """Read ``?year=`` against ``years`` (the years the screen can show). ``with_data`` (default:
    ``years``) is where the default may fall. A year that is not offered is still shown (the
    screen says it has nothing for it); a value that is not a year gets a Korean message and the
    default year."""
    offered = sorted(set(years), reverse=True)
    default = year_default(with_data=offered if with_data is None else with_data, today=today)
    raw = request.GET.get(PARAM)
    year, error = default, ""
    if raw is not None and raw != "":
        parsed = year_parse(raw)
        if parsed is None:
            error = _(
                "연도는 %(first)s부터 %(last)s 사이의 네 자리 숫자로 적어 주세요. %(year)s년을 보여 드립니다."
            ) % {
                "first": FIRST_YEAR,
                "last": LAST_YEAR,
                "year": default,
            }
        else:
            year = parsed
    kept = [(k, v) for k, v in request.GET.lists() if k not in (PARAM, "page")]
    base = [(k, value) for k, values in kept for value in values]
    options = tuple(YearOption(y, "?" + urlencode([(PARAM, y), *base]), y == year) for y in offered)
    return YearChoice(
        year=year,
        years=tuple(offered),
        options=options,
        error=error,
        is_default=raw in (None, "") or error != "",
    )


def per_year(queryset, field: str, years: Iterable[int], **aggregates) -> dict[int, dict]:
    """``aggregates`` of ``queryset`` for each of ``years`` in one query, grouped by the year of
    the date or datetime ``field`` (in the current time zone, as a ``__year`` filter counts it):
    ``{2025: {"n": 16}, …}``. A year without rows is absent."""
    from django.db.models.functions import ExtractYear

    rows = (
        queryset.filter(**{f"{field}__year__in": list(years)})
        .annotate(per_year=ExtractYear(field))
        .order_by()
        .values("per_year")
        .annotate(**aggregates)
    )
    return {row.pop("per_year"): row for row in rows}
