"""What the surveys add to the annual report: each closed all-staff survey of the year (section 9)
with its overall score (2025: 내부직원 만족도 86.4점, against 86.23 the year before, from the
survey's ``previous``) and its first-ranked area (2025: 리더십); each closed external survey of
the year (section 5, the system users': 2025 정보체계 이용자 만족도 85.6점, 9.2점 above 2024) with
its overall score and the change as a detail. All through the results engine's cached results, so
the report shows exactly what the results page shows, suppression included."""

import re
from decimal import Decimal

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.registry import Figure, Panel, annual_figures, register_report_years

from .models import Answer, Area, AudienceMember, Response, Section, Survey, SurveyQuestion
from .selectors import can_see_results

# What the figures read: the surveys and what their results depend on (``results_version``:
# answers, questions, audience; the areas' and sections' names). Not the stored results
# (``ResultCache``, written when the report computes them), uploads or invitations.
READS = (Survey, SurveyQuestion, Section, Area, Response, Answer, AudienceMember)
YEAR_IN_TITLE = re.compile(r"^\s*\d{4}\s*년\s*")


def _name(survey: Survey) -> str:
    """The title without its year, so that one survey's figures match across years."""
    return YEAR_IN_TITLE.sub("", survey.title).strip() or survey.title


def _rise(score, previous) -> str:
    """``전년 대비 9.2점 향상`` (the agency report's words for the system users' survey)."""
    from intranet.report.text import value_text

    if previous is None:
        return ""
    change = Decimal(str(score)) - Decimal(str(previous))
    words = _("전년 대비 %(points)s 향상") if change > 0 else _("전년 대비 %(points)s 하락")
    return words % {"points": value_text(abs(change), str(_("점")))} if change else _("전년과 같음")


def figures(year: int) -> dict:
    return figures_by_year(years=[year])[year]


def figures_by_year(*, years) -> dict:
    """One query for the surveys of the years, then each survey's results (from the engine's
    cache) once, even when it is also another year's ``previous``."""
    from .results import survey_results

    surveys = list(
        Survey.objects.filter(year__in=years, status=Survey.Status.CLOSED, context_key="")
        .filter(Q(audience_all=True) | Q(audience_external=True))
        .select_related("previous")
        .order_by("pk")
    )
    seen: dict[int, dict] = {}

    def results(survey):
        if survey.pk not in seen:
            seen[survey.pk] = survey_results(survey=survey)
        return seen[survey.pk]

    return {year: _figures([s for s in surveys if s.year == year], results) for year in years}


def _figures(surveys, survey_results) -> dict:
    rows = []
    for survey in surveys:
        result = survey_results(survey=survey)
        overall = result.get("overall") or {}
        if overall.get("suppressed") or overall.get("score") is None:
            continue
        name = _name(survey)
        previous = None
        if survey.previous_id and survey.previous.status == Survey.Status.CLOSED:
            previous = (survey_results(survey=survey.previous).get("overall") or {}).get("score")
        url = reverse("surveys:results", args=[survey.pk])
        external = survey.audience_external
        rows.append(
            Figure(
                f"surveys.overall:{name}",
                "results" if external else "communication",
                _("%(name)s 종합 점수") % {"name": name},
                overall["score"],
                _("점"),
                url,
                detail=_rise(overall["score"], previous) if external else "",
                previous=previous,
                url_for=can_see_results,
                order=40,
            )
        )
        if external:
            continue  # its areas are the redesigned questionnaire's, not a ranking the report cites
        ranked = [a for a in result.get("areas", ()) if a.get("rank") == 1]
        if ranked:
            rows.append(
                Figure(
                    f"surveys.first_area:{name}",
                    "communication",
                    _("%(name)s 1위 영역") % {"name": name},
                    ranked[0]["name"],
                    url=url,
                    order=41,
                    url_for=can_see_results,
                )
            )
    return {"figures": rows}


def years():
    return Survey.objects.filter(status=Survey.Status.CLOSED).values_list("year", flat=True).distinct()


annual_figures.register(
    Panel(
        key="surveys.figures",
        title=_("조직문화 설문"),
        template="",
        provider=figures,
        order=50,
        batch=figures_by_year,
        reads=READS,
    )
)
register_report_years("surveys", years, reads=(Survey,))
