"""What "국장님, DM 왔습니다" adds to the annual report (section 9): the episodes published in
the year and the staff questions they answered."""

from django.db.models import Count
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.registry import Figure, Panel, annual_figures
from intranet.years import per_year

from .models import InterviewPage, Question


def figures(year: int) -> dict:
    return figures_by_year(years=[year])[year]


def figures_by_year(*, years) -> dict:
    """One query for any number of years."""
    rows = per_year(
        InterviewPage.objects.live(),
        "first_published_at",
        years,
        n=Count("pk", distinct=True),
        questions=Count("questions", distinct=True),
    )
    none = {"n": 0, "questions": 0}
    return {year: _figures(rows.get(year, none)) for year in years}


def _figures(counts) -> dict:
    url = reverse("newsroom_interviews:ask")
    return {
        "figures": [
            Figure(
                "interviews.episodes",
                "communication",
                _("「국장님, DM 왔습니다」 인터뷰"),
                counts["n"],
                _("회"),
                url,
                order=10,
            ),
            Figure(
                "interviews.questions",
                "communication",
                _("인터뷰로 답한 직원 질문"),
                counts["questions"],
                _("건"),
                url,
                order=11,
            ),
        ]
    }


annual_figures.register(
    Panel(
        key="newsroom_interviews.figures",
        title=_("리더 인터뷰"),
        template="",
        provider=figures,
        order=62,
        batch=figures_by_year,
        reads=(InterviewPage, Question),
    )
)
