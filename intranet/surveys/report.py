"""What the culture surveys add to the annual report (section 9): each closed all-staff survey of
the year with its overall score (2025: 내부직원 만족도 86.4점, against 86.23 the year before, from
the survey's ``previous``) and its first-ranked area (2025: 리더십), through the results engine,
so the report shows exactly what the results page shows, suppression included."""

import re

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.registry import Figure, Panel, annual_figures, register_report_years

from .models import Survey
from .selectors import can_see_results

YEAR_IN_TITLE = re.compile(r"^\s*\d{4}\s*년\s*")


def _name(survey: Survey) -> str:
    """The title without its year, so that one survey's figures match across years."""
    return YEAR_IN_TITLE.sub("", survey.title).strip() or survey.title


def figures(year: int) -> dict:
    from .results import survey_results

    surveys = (
        Survey.objects.filter(year=year, status=Survey.Status.CLOSED, context_key="", audience_all=True)
        .select_related("previous")
        .order_by("pk")
    )
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
        rows.append(
            Figure(
                f"surveys.overall:{name}",
                "communication",
                _("%(name)s 종합 점수") % {"name": name},
                overall["score"],
                _("점"),
                url,
                previous=previous,
                url_for=can_see_results,
                order=40,
            )
        )
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
    Panel(key="surveys.figures", title=_("조직문화 설문"), template="", provider=figures, order=50)
)
register_report_years("surveys", years)
