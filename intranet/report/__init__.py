"""The annual performance report (연간 성과보고서), computed from the records of the year.

The core owns the frame: the sections in the agency report's order, the year-over-year change
and its ★, the planners' narrative beside the figures, the page and its PDF and DOCX exports.
The figures come from the feature modules through ``intranet.registry.annual_figures`` (the core
imports none of them). Each module is asked once for the year and the year before (its panel's
``batch(years=…)``; a module without one is called per year), so the report makes the same number
of queries whatever the amount of data.
"""

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import timezone

from intranet.models import ReportNarrative
from intranet.registry import Figure, annual_figures, report_years

from .cache import kept

# The agency report's sections that Ieum's records tell (the 2025 report's numbering). Sections 1)–6)
# are the year's IT results: Ieum knows them as the performance programmes' indicators.
SECTIONS = ReportNarrative.SECTION_CHOICES
SECTION_KEYS = [key for key, _title in SECTIONS]


@dataclass
class Line:
    """A figure as the report shows it: this year's value, last year's, and whether it improved."""

    figure: Figure
    previous: object = None

    @property
    def has_previous(self) -> bool:
        return self.previous is not None and _numeric(self.previous) is not None

    @property
    def improved(self) -> bool:
        """★: a numeric figure that moved the right way since last year."""
        if not self.has_previous or _numeric(self.figure.value) is None:
            return False
        now, before = _numeric(self.figure.value), _numeric(self.previous)
        return now > before if self.figure.higher_is_better else now < before


@dataclass
class Section:
    key: str
    title: str
    lines: list[Line] = field(default_factory=list)
    narratives: list = field(default_factory=list)


@dataclass
class Report:
    year: int
    sections: list[Section]

    @property
    def lines(self) -> list[Line]:
        return [line for section in self.sections for line in section.lines]

    @property
    def stars(self) -> int:
        return sum(1 for line in self.lines if line.improved)


def _numeric(value):
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | Decimal):
        return Decimal(str(value))
    return None


def _figures_of_years(years: list[int]) -> dict[int, list[Figure]]:
    """Every module's figures for each of ``years``, each module asked once when it can batch;
    kept until a write on a table they read (``cache.py``). Callers must not change them."""
    years = sorted(set(years))
    return kept(f"figures:{','.join(map(str, years))}", lambda: _figures_computed(years))


def _figures_computed(years: list[int]) -> dict[int, list[Figure]]:
    figures: dict[int, list[Figure]] = {year: [] for year in years}
    for panel in annual_figures:
        if panel.batch is not None:
            contexts = panel.batch(years=list(years))
        else:
            contexts = {year: panel.provider(year) for year in years}
        for year in years:
            context = contexts.get(year)
            if context:
                figures[year] += [f for f in context.get("figures", ()) if isinstance(f, Figure)]
    return figures


def report_years_with_data(*, today: dt.date | None = None) -> list[int]:
    """Every year some module has records for, up to this year, and this year itself (newest
    first). Kept until a write on a table the providers read (``cache.py``)."""
    if today is None:
        return list(kept("years", lambda: _years_with_data(timezone.localdate())))
    return _years_with_data(today)


def _years_with_data(today: dt.date) -> list[int]:
    this_year = today.year
    years = {this_year}
    for provider in report_years.values():
        years.update(y for y in provider() if y and y <= this_year)
    return sorted(years, reverse=True)


def report_build(*, year: int, narratives: bool = True) -> Report:
    """The year's report: every registered figure of the year, each with last year's value."""
    both = _figures_of_years([year - 1, year])
    current = both[year]
    before = {f.key: f.value for f in both[year - 1]}
    sections = {key: Section(key=key, title=str(title)) for key, title in SECTIONS}
    for figure in sorted(current, key=lambda f: (SECTION_KEYS.index(f.section), f.order, f.key)):
        previous = figure.previous if figure.previous is not None else before.get(figure.key)
        sections[figure.section].lines.append(Line(figure=figure, previous=previous))
    if narratives:
        for narrative in (
            ReportNarrative.objects.filter(year=year).select_related("image").order_by("section", "pk")
        ):
            if narrative.section in sections:
                sections[narrative.section].narratives.append(narrative)
    return Report(year=year, sections=[sections[key] for key in SECTION_KEYS])


@dataclass
class ComparisonRow:
    key: str
    section: str
    label: str
    unit: str
    values: list


def report_compare(*, years: list[int]) -> list[ComparisonRow]:
    """The figures of several years side by side (a row per figure key, in section order)."""
    rows: dict[str, ComparisonRow] = {}
    order: dict[str, tuple] = {}
    by_year = _figures_of_years(list(years))
    for index, year in enumerate(years):
        for figure in by_year[year]:
            row = rows.get(figure.key)
            if row is None:
                row = rows[figure.key] = ComparisonRow(
                    figure.key, figure.section, str(figure.label), str(figure.unit), [None] * len(years)
                )
                order[figure.key] = (SECTION_KEYS.index(figure.section), figure.order, figure.key)
            row.values[index] = figure.value
    return [rows[key] for key in sorted(rows, key=order.get)]
