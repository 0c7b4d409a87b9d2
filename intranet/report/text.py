"""The report's words, shared by the page and its PDF and DOCX exports so that all three say the
same thing: a figure's value with its unit, and the year-over-year change the way the agency's
report writes it (``('24) 86.23점 → ('25) 86.4점``)."""

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from . import Line, Report

STAR = "★"


def value_text(value, unit="") -> str:
    """``16회``, ``12,575명``, ``86.4점`` (no trailing zeros), a text value as it is."""
    if value is None:
        return "–"
    if isinstance(value, bool):
        value = int(value)
    if isinstance(value, float):
        value = Decimal(str(value))
    if isinstance(value, Decimal):
        value = value.normalize()
        if value == value.to_integral():
            value = int(value)
        else:
            whole, _dot, fraction = f"{value:f}".partition(".")
            return f"{int(whole):,}.{fraction}{unit}"
    if isinstance(value, int):
        return f"{value:,}{unit}"
    return f"{value}{unit}"


def short_year(year: int) -> str:
    return f"'{year % 100:02d}"


def change_text(line: Line, year: int) -> str:
    if not line.has_previous:
        return ""
    unit = str(line.figure.unit)
    return _("(%(before_year)s) %(before)s → (%(year)s) %(now)s") % {
        "before_year": short_year(year - 1),
        "before": value_text(line.previous, unit),
        "year": short_year(year),
        "now": value_text(line.figure.value, unit),
    }


@dataclass
class TextLine:
    """One line of the report as text: the figure, its change and the computed detail."""

    star: bool
    label: str
    value: str
    change: str
    detail: str
    url: str

    @property
    def text(self) -> str:
        head = f"{STAR} " if self.star else ""
        parts = [f"{head}{self.label}: {self.value}"]
        if self.change:
            parts.append(self.change)
        return " ".join(parts)


@dataclass
class TextSection:
    key: str
    title: str
    lines: list[TextLine]
    narratives: list[tuple[str, str, tuple | None]]  # (heading, paragraphs, (image, caption) or None)


def report_text(report: Report, user=None) -> list[TextSection]:
    """The report's lines; with ``user``, a figure's link only where that reader may open it."""
    sections = []

    def url(figure):
        if user is not None and figure.url_for is not None and not figure.url_for(user):
            return ""
        return figure.url

    for section in report.sections:
        lines = [
            TextLine(
                star=line.improved,
                label=str(line.figure.label),
                value=value_text(line.figure.value, str(line.figure.unit)),
                change=change_text(line, report.year),
                detail=str(line.figure.detail or ""),
                url=url(line.figure),
            )
            for line in section.lines
        ]
        narratives = [
            (n.heading, narrative_plain(n.body), (n.image, n.image_caption) if n.image_id else None)
            for n in section.narratives
        ]
        sections.append(TextSection(section.key, section.title, lines, narratives))
    return sections


def narrative_plain(body: str) -> str:
    """A narrative's text as its paragraphs, one a line, blank lines and runs of spaces dropped
    (the page shows each as a ``<p>``; PDF and DOCX as a paragraph)."""
    return "\n".join(" ".join(part.split()) for part in (body or "").splitlines() if part.strip())
