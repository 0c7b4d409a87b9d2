"""The plan's programmes as a sortable table of computed rows (``selectors.ProgrammeRow``)."""

import django_tables2 as tables
from django.template.defaultfilters import floatformat
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Status


def _link(record):
    return record.programme.get_absolute_url()


class ProgrammeTable(tables.Table):
    code = tables.Column(verbose_name=gettext_lazy("과제코드"), accessor="programme__code", linkify=_link)
    title = tables.Column(
        verbose_name=gettext_lazy("과제명"),
        accessor="programme__title",
        linkify=_link,
        attrs={"td": {"data-testid": "programme-title"}},
    )
    origin = tables.Column(
        verbose_name=gettext_lazy("유형"),
        accessor="programme__get_origin_display",
        order_by="programme__origin",
    )
    department = tables.Column(verbose_name=gettext_lazy("주관 부서"), accessor="programme__department__name")
    owner = tables.Column(verbose_name=gettext_lazy("담당자"), accessor="programme__owner__name")
    percent = tables.Column(
        verbose_name=gettext_lazy("진척률"),
        accessor="percent",
        attrs={"td": {"data-testid": "programme-percent"}},
    )
    status = tables.Column(
        verbose_name=gettext_lazy("상태"),
        accessor="status",
        attrs={"td": {"data-testid": "programme-status"}},
    )

    class Meta:
        attrs = {"class": "data-table", "data-testid": "programme-table"}
        per_page = 25
        empty_text = gettext_lazy("조건에 맞는 과제가 없습니다.")
        order_by = ("code",)
        # The body is written in Python (``body_html``), as the directory's staff table: the same
        # cells as django-tables2's template, without a template pass per cell.
        template_name = "performance/programme_table.html"

    def body_html(self) -> SafeString:
        """The ``<tr>`` of each programme on the page (every value escaped), or the empty text."""
        rows = [row.record for row in self.paginated_rows]
        if not rows:
            return format_html('<tr><td colspan="{}">{}</td></tr>', len(self.columns), self.empty_text)
        return format_html_join(
            "\n",
            '<tr class="{}"><td ><a href="{}">{}</a></td>'
            '<td data-testid="programme-title"><a href="{}">{}</a></td><td >{}</td><td >{}</td><td >{}</td>'
            '<td data-testid="programme-percent">{}</td><td data-testid="programme-status">{}</td></tr>',
            (
                (
                    "odd" if i % 2 else "even",
                    url,
                    row.programme.code,
                    url,
                    row.programme.title,
                    row.programme.get_origin_display(),
                    row.programme.department.name,
                    row.programme.owner.name,
                    self.render_percent(row.percent),
                    self.render_status(row.status, row),
                )
                for i, row in enumerate(rows)
                for url in (_link(row),)
            ),
        )

    def render_percent(self, value):
        return f"{value:.1f}%"

    def value_percent(self, value):
        return round(value, 1)

    def render_status(self, value, record):
        label = str(Status(value).label)
        if record.state.is_overridden:
            label = _("%(status)s (지정)") % {"status": label}
        return format_html('<span class="status-tag status-tag--{}">{}</span>', value, label)

    def value_status(self, value, record):
        label = str(Status(value).label)
        return _("%(status)s (지정)") % {"status": label} if record.state.is_overridden else label


DEPARTMENTS_PREFIX = "dept_"


class DepartmentFigureTable(tables.Table):
    """The departments' programme counts and weighted % (``selectors.DepartmentFigure``), a page
    at a time: at agency scale a plan has a figure for some 300 departments, which made the plan
    page 200 KB. Its parameters carry the ``dept_`` prefix, so it pages and sorts apart from the
    programme table (each keeps the other's and the filter's parameters)."""

    department = tables.Column(
        verbose_name=gettext_lazy("부서"), accessor="department__name", order_by=("department__name",)
    )
    count = tables.Column(verbose_name=gettext_lazy("과제 수"))
    percent = tables.Column(verbose_name=gettext_lazy("진척률"))

    class Meta:
        attrs = {"class": "data-table", "data-testid": "department-table"}
        per_page = 20
        prefix = DEPARTMENTS_PREFIX
        # Rows written in Python (``body_html``), as the directory's staff table.
        template_name = "performance/department_table.html"

    # Two tables on one page: their page links need navigation landmarks of different names.
    pagination_label = gettext_lazy("부서별 진척률 쪽 이동")

    def __init__(self, *args, year: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.year = year

    def body_html(self) -> SafeString:
        """A ``<tr>`` per department on the page: its name (a link to its own plan page), its
        programme count and its %."""
        figures = [row.record for row in self.paginated_rows]
        if not figures:
            return format_html('<tr><td colspan="3">{}</td></tr>', _("과제가 없습니다."))
        query = f"?year={self.year}"
        return format_html_join(
            "\n",
            '<tr data-testid="department-row"><th scope="row"><a href="{}{}">{}</a></th><td>{}</td>'
            "<td>{}%</td></tr>",
            (
                (
                    reverse("performance:department", args=[f.department.code]),
                    query,
                    f.department.name,
                    f.count,
                    floatformat(f.percent, 1),
                )
                for f in figures
            ),
        )
