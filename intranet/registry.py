"""The core's registry of what feature modules add to the pages that gather every module.

The home dashboard, the staff profile and the annual report must show every module without
the core importing any of them: each module registers its panels from its ``AppConfig.ready``.
A provider is called with the request (and, for profile sections, the staff member shown) and
returns the template context for its panel, or ``None`` to show nothing. A module that binds
surveys to its own records (course feedback) tells the survey engine how to label their groups and
who may read their results through ``survey_contexts``.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Panel:
    key: str
    title: Any  # a lazy translation
    template: str
    provider: Callable[..., dict | None]
    order: int = 100
    # Annual figures only: ``batch(years=[2024, 2025])`` -> ``{year: context}``, the provider for
    # several years at once in as many queries as for one (the report asks each module once for
    # the year and the year before, the comparison for up to five years). Without it the report
    # calls ``provider(year)`` for each year.
    batch: Callable[..., dict] | None = None
    # Annual figures only: the models the figures read (a multi-table page's parents and a model's
    # own many-to-many tables count with it). The report keeps its figures until a write on one of
    # their tables (``intranet.report.cache``); a panel that does not say (None) is computed on
    # every view.
    reads: tuple | None = None
    # Profile sections only: the rendered section may be kept until a write its module follows
    # (``intranet.directory.sections``); it may differ by reader only in whether they are the
    # person shown.
    kept: bool = False


@dataclass
class Registry:
    """An ordered set of panels, keyed so that registering twice (a reload) replaces."""

    panels: dict[str, Panel] = field(default_factory=dict)

    def register(self, panel: Panel) -> None:
        self.panels[panel.key] = panel

    def __iter__(self):
        return iter(sorted(self.panels.values(), key=lambda p: (p.order, p.key)))

    def render_context(self, *args) -> list[dict]:
        """Each panel's context, in order, leaving out panels whose provider returned None."""
        rendered = []
        for panel in self:
            context = panel.provider(*args)
            if context is not None:
                rendered.append({"panel": panel, **context})
        return rendered


dashboard_panels = Registry()
profile_sections = Registry()
# The annual report (``intranet.report``): providers are called with the year (an int) and return
# ``{"figures": [Figure, …]}`` (or None); ``report_years`` holds each module's "years I have
# records for" (one query each), so the report offers every year with data.
annual_figures = Registry()
report_years: dict[str, Callable[[], Iterable[int]]] = {}
# The models each ``report_years`` provider reads (as a panel's ``reads``; None: not kept).
report_years_reads: dict[str, tuple | None] = {}


def register_report_years(
    key: str, years: Callable[[], Iterable[int]], *, reads: tuple | None = None
) -> None:
    report_years[key] = years
    report_years_reads[key] = reads


@dataclass(frozen=True)
class Figure:
    """One computed figure of the annual report, in one of the frame's sections
    (``intranet.report.SECTIONS``: ``results``, ``competence``, ``performance``,
    ``communication``).

    ``key`` is stable across years: the report finds last year's value by calling the provider for
    the previous year and matching keys, unless the figure carries its own ``previous`` (a KPI's
    baseline). ``url`` opens the records behind the figure, filtered to the year; ``url_for``,
    when given, says which readers may open it (the report shows the link to them only: the PR
    log is the editors'). ``detail`` is a computed line beside the figure (the names behind a
    count). Figures are never stored, so no one can overwrite them by hand."""

    key: str
    section: str
    label: Any
    value: Any  # int, Decimal/float, or a short text (a rank)
    unit: Any = ""
    url: str = ""
    detail: Any = ""
    previous: Any = None
    higher_is_better: bool = True
    order: int = 100
    url_for: Callable[[Any], bool] | None = None


# Sections a module adds to another module's record page (a performance programme shows the advice
# that points at it): called with the request and the record; a provider returns None for a record
# it has nothing to say about (check ``record._meta.label``).
record_sections = Registry()


@dataclass(frozen=True)
class DemoSeeder:
    """One module's part of ``manage.py seed_demo``: ``seed(scale=..., stdout=...)`` must be
    deterministic and idempotent. Seeders run in ``order`` (the directory first)."""

    key: str
    seed: Callable[..., None]
    order: int = 100


demo_seeders: dict[str, DemoSeeder] = {}


def register_demo_seeder(seeder: DemoSeeder) -> None:
    demo_seeders[seeder.key] = seeder


@dataclass(frozen=True)
class SurveyContext:
    """What a module tells the survey engine about the surveys it binds to its own records.

    ``prefix`` is the part of a context key before the colon (``learning.course`` for a survey's
    key, ``learning.session`` for its audience groups). ``labels(keys)`` returns a display label
    for each key it knows, in a fixed number of queries; ``can_see_results(user)`` says who,
    besides survey admins and leaders, may read the results of a survey bound under the prefix.
    """

    prefix: str
    labels: Callable[[list[str]], dict[str, str]]
    can_see_results: Callable[[Any], bool] = lambda user: False


survey_contexts: dict[str, SurveyContext] = {}


def register_survey_context(context: SurveyContext) -> None:
    survey_contexts[context.prefix] = context


def survey_context_for(key: str) -> SurveyContext | None:
    """The registered context of a key such as ``learning.session:12`` (None when unknown)."""
    prefix = (key or "").partition(":")[0]
    return survey_contexts.get(prefix) if prefix else None


@dataclass(frozen=True)
class FeedAddress:
    """A feed that readers fetch without logging in (``intranet.feedkeys``): the person's profile
    lists each registered one with their key, ``path(key)`` giving its path on the site."""

    key: str
    label: Any  # a lazy translation
    path: Callable[[str], str]
    order: int = 100


feed_addresses: dict[str, FeedAddress] = {}


def register_feed_address(address: FeedAddress) -> None:
    feed_addresses[address.key] = address
