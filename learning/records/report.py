"""What external learning adds to the annual report (section 7): the conferences and seminars
attended (2025: 16) and the certificates earned, each linked to the year's approved records."""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.registry import Figure, Panel, annual_figures, register_report_years
from intranet.years import per_year

from . import selectors
from .models import ExternalRecord

K = ExternalRecord.Kind


def figures(year: int) -> dict:
    return figures_by_year(years=[year])[year]


def figures_by_year(*, years) -> dict:
    """Two queries for any number of years: the counts by year and the conferences' titles (the
    agency names the two biggest, "REAL Summit 2025, K-AI PaaS Summit 2025 등")."""
    approved = ExternalRecord.objects.filter(
        status=ExternalRecord.Status.APPROVED, learned_on__year__in=years
    ).annotate(y=ExtractYear("learned_on"))
    counts = per_year(
        ExternalRecord.objects.filter(status=ExternalRecord.Status.APPROVED),
        "learned_on",
        years,
        conferences=Count("title", filter=Q(kind=K.CONFERENCE), distinct=True),
        attendances=Count("pk", filter=Q(kind=K.CONFERENCE)),
        certificates=Count("pk", filter=Q(kind=K.CERTIFICATE)),
    )
    # The agency names its biggest events first: the longest (hours), then the earliest.
    names: dict[int, list[str]] = {year: [] for year in years}
    for y, title in (
        approved.filter(kind=K.CONFERENCE).order_by("-hours", "learned_on", "title").values_list("y", "title")
    ):
        if title not in names[y]:
            names[y].append(title)
    none = {"conferences": 0, "attendances": 0, "certificates": 0}
    return {year: _figures(year, counts.get(year, none), names[year][:2]) for year in years}


def _figures(year, counts, names) -> dict:
    def url(kind):
        return reverse("learning_records:year") + "?" + urlencode({"year": year, "kind": kind})

    detail = _("%(names)s 등") % {"names": ", ".join(names)} if names else ""
    return {
        "figures": [
            Figure(
                "learning.conferences",
                "competence",
                _("신기술 분야 컨퍼런스·세미나 참석"),
                counts["conferences"],
                _("회"),
                url(K.CONFERENCE),
                detail=detail,
                order=20,
            ),
            Figure(
                "learning.conference_attendances",
                "competence",
                _("컨퍼런스·세미나 참석 인원(연인원)"),
                counts["attendances"],
                _("명"),
                url(K.CONFERENCE),
                order=21,
            ),
            Figure(
                "learning.certificates",
                "competence",
                _("자격증 취득"),
                counts["certificates"],
                _("건"),
                url(K.CERTIFICATE),
                order=23,
            ),
        ]
    }


annual_figures.register(
    Panel(
        key="learning_records.figures",
        title=_("외부 학습"),
        template="",
        provider=figures,
        order=11,
        batch=figures_by_year,
        reads=(ExternalRecord,),
    )
)
register_report_years("learning_records", selectors.record_years, reads=(ExternalRecord,))
