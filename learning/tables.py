"""The catalogue table of course pages (annotated by ``selectors.catalogue_queryset``)."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet.columns import KoreanDateColumn, PythonTableMixin
from intranet.korean import format_korean_date
from intranet.links import page_url_finder

from .models import Category


class CatalogueTable(PythonTableMixin, tables.Table):
    title = tables.Column(
        verbose_name=gettext_lazy("과정명"),
        linkify=True,
        attrs={"td": {"data-testid": "course-title"}},
    )
    category = tables.Column(verbose_name=gettext_lazy("분류"))
    next_start = KoreanDateColumn(verbose_name=gettext_lazy("다음 교육"), with_time=True)
    hours = tables.Column(verbose_name=gettext_lazy("시간"))
    is_mandatory = tables.Column(verbose_name=gettext_lazy("필수"))
    seats_left = tables.Column(
        verbose_name=gettext_lazy("남은 자리"), attrs={"td": {"data-testid": "seats-left"}}
    )
    has_online = tables.Column(verbose_name=gettext_lazy("방식"), orderable=False)

    class Meta:
        attrs = {"class": "data-table", "data-testid": "catalogue-table"}
        per_page = 25
        empty_text = gettext_lazy("조건에 맞는 과정이 없습니다.")
        order_by = ("next_start",)
        # The rows are written in Python (``body_html``, as the directory's staff table): per
        # cell, django-tables2 inspected its render functions' signatures (2,200 calls per 20
        # pages), and ``page.url`` read the site's root paths from the cache once per row.
        template_name = "learning/catalogue_table.html"
        # The page writes the whole table in Python too (``PythonTableMixin.table_html``); the
        # template stays the reference it is tested against (tests/core/test_python_table.py).

    def body_html(self) -> SafeString:
        """The ``<tr>`` of each course on the page (every value escaped), or the empty text."""
        rows = [row.record for row in self.paginated_rows]
        if not rows:
            return format_html('<tr><td colspan="{}">{}</td></tr>', len(self.columns), self.empty_text)
        path = page_url_finder()
        # Labels and words translated once a page, not once a row.
        words = {
            "categories": {value: str(label) for value, label in Category.choices},
            "mandatory": format_html('<span class="tag">{}</span>', _("필수")),
            "online": _("온라인"),
            "offline": _("대면"),
            "hours": _("%(hours)s시간"),
        }
        return format_html_join(
            "\n", CATALOGUE_ROW, (_catalogue_row(n, course, path, words) for n, course in enumerate(rows))
        )


DASH = "—"
CATALOGUE_ROW = (
    '<tr class="{}"><td data-testid="course-title">{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
    '<td data-testid="seats-left">{}</td><td>{}</td></tr>'
)


def _catalogue_row(n: int, course, path, words: dict) -> tuple:
    url = path(course)
    title = format_html('<a href="{}">{}</a>', url, course.title) if url else course.title
    hours = words["hours"] % {"hours": f"{course.hours:g}"} if course.hours is not None else DASH
    return (
        "odd" if n % 2 else "even",
        title,
        words["categories"].get(course.category, course.category) or DASH,
        format_korean_date(course.next_start, with_time=True) if course.next_start else DASH,
        hours,
        words["mandatory"] if course.is_mandatory else DASH,
        DASH if course.seats_left is None else course.seats_left,
        words["online"] if course.has_online else words["offline"],
    )


class StaffHoursTable(tables.Table):
    """Hours per person for a year (rows from ``selectors.hours_dashboard``)."""

    name = tables.Column(verbose_name=gettext_lazy("성명"), attrs={"td": {"data-testid": "hours-name"}})
    employee_number = tables.Column(verbose_name=gettext_lazy("사번"))
    department = tables.Column(verbose_name=gettext_lazy("부서"))
    hours = tables.Column(
        verbose_name=gettext_lazy("교육 시간"), attrs={"td": {"data-testid": "hours-total"}}
    )
    missing = tables.Column(
        verbose_name=gettext_lazy("미이수 필수 과정"),
        order_by=("missing_count",),
        attrs={"td": {"data-testid": "hours-missing"}},
    )

    class Meta:
        attrs = {"class": "data-table", "data-testid": "hours-table"}
        per_page = 50
        empty_text = gettext_lazy("볼 수 있는 직원이 없습니다.")
        order_by = ("name",)

    def render_hours(self, value):
        return _("%(hours)s시간") % {"hours": f"{value:g}"}

    def render_missing(self, value):
        return value or "—"
