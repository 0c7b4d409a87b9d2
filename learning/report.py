"""What the education site adds to the annual report (section 7, ``intranet.registry``): the
year's courses by kind, completions, and the specialised course's graduates (2025: 22)."""

from dataclasses import replace
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.registry import Figure, Panel, annual_figures, register_report_years
from intranet.roles import Role, has_role
from intranet.years import per_year

from .models import Category, Completion, CoursePage, CourseReview


def figures(year: int) -> dict:
    return figures_by_year(years=[year])[year]


def figures_by_year(*, years) -> dict:
    """Two queries for any number of years: the courses by year and kind (the years before
    included, whose catalogue says whether "new" and "strengthened" mean anything), the completions
    by year."""
    asked = set(years) | {year - 1 for year in years}
    courses = {
        row["year"]: row
        for row in CoursePage.objects.live()
        .filter(year__in=asked)
        .order_by()
        .values("year")
        .annotate(
            total=Count("pk"),
            expert=Count("pk", filter=Q(category=Category.EXPERT_LECTURE)),
            it=Count("pk", filter=Q(category=Category.IT_TRAINING)),
            strengthened=Count(
                "pk", filter=Q(previous_course__review__decision=CourseReview.Decision.STRENGTHEN)
            ),
            carried=Count("pk", filter=Q(previous_course__isnull=False)),
        )
    }
    done = per_year(
        Completion.objects.all(),
        "completed_on",
        years,
        all=Count("pk"),
        specialised=Count("staff", filter=Q(course__category=Category.SPECIALISED), distinct=True),
    )
    no_courses = {"total": 0, "expert": 0, "it": 0, "strengthened": 0, "carried": 0}
    return {
        year: _figures(
            year,
            courses.get(year, no_courses),
            done.get(year, {"all": 0, "specialised": 0}),
            catalogue_before=year - 1 in courses,
        )
        for year in years
    }


def _figures(year, counts, done, *, catalogue_before) -> dict:
    review = reverse("learning:review") + "?" + urlencode({"year": year})
    hours = reverse("learning:hours") + "?" + urlencode({"year": year})
    rows = [
        Figure(
            "learning.courses", "competence", _("운영한 교육과정"), counts["total"], _("개"), review, order=10
        ),
        Figure(
            "learning.expert", "competence", _("전문가 초빙강연"), counts["expert"], _("회"), review, order=11
        ),
        Figure("learning.it", "competence", _("정보화 교육과정"), counts["it"], _("개"), review, order=12),
    ]
    if catalogue_before:
        # New and strengthened only mean something against a previous year's catalogue.
        rows += [
            Figure(
                "learning.new",
                "competence",
                _("신설한 교육과정"),
                counts["total"] - counts["carried"],
                _("개"),
                review,
                order=13,
            ),
            Figure(
                "learning.strengthened",
                "competence",
                _("강화한 교육과정"),
                counts["strengthened"],
                _("개"),
                review,
                order=14,
            ),
        ]
    rows += [
        Figure("learning.completions", "competence", _("교육 수료"), done["all"], _("건"), hours, order=15),
        Figure(
            "learning.specialised",
            "competence",
            _("기관 특화 전문교육 수료생"),
            done["specialised"],
            _("명"),
            review,
            order=30,
        ),
    ]
    # The programme review and the hours dashboard are the learning admins' screens.
    return {"figures": [replace(f, url_for=_learning_admin) for f in rows]}


def _learning_admin(user) -> bool:
    return has_role(user, Role.LEARNING_ADMIN)


def years():
    return CoursePage.objects.live().order_by().values_list("year", flat=True).distinct()


annual_figures.register(
    Panel(
        key="learning.figures",
        title=_("교육"),
        template="",
        provider=figures,
        order=10,
        batch=figures_by_year,
        reads=(CoursePage, CourseReview, Completion),
    )
)
register_report_years("learning", years, reads=(CoursePage,))
