import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from .models import Staff


class StaffTable(tables.Table):
    name = tables.Column(verbose_name=_("성명"), linkify=True, attrs={"a": {"data-testid": "staff-link"}})
    department = tables.Column(verbose_name=_("부서"), order_by=("department__name",))
    position = tables.Column(verbose_name=_("직위"))
    grade = tables.Column(verbose_name=_("직급"))
    job_title = tables.Column(verbose_name=_("담당업무"), orderable=False)
    extension = tables.Column(verbose_name=_("내선"), orderable=False)
    email = tables.Column(verbose_name=_("이메일"), orderable=False)

    class Meta:
        model = Staff
        fields = ("name", "department", "position", "grade", "job_title", "extension", "email")
        attrs = {"class": "data-table data-table--cards", "data-testid": "staff-table"}
        per_page = 25
        empty_text = _("조건에 맞는 직원이 없습니다.")
        order_by = ("name",)
        # The body is built in Python (``body_html``, see the template): django-tables2's generic
        # per-cell rendering was half of the directory page's time at 20,000 staff, and a template
        # row per person still a fifth. tables2 still does the sorting, paging and headers.
        template_name = "directory/staff_table.html"

    def render_email(self, value):
        return format_html('<a href="mailto:{}">{}</a>', value, value)

    def body_html(self) -> SafeString:
        """The ``<tr>`` of each person on the page (every value escaped), or the empty text."""
        rows = [row.record for row in self.paginated_rows]
        if not rows:
            return format_html('<tr><td colspan="{}">{}</td></tr>', len(self.columns), self.empty_text)
        labels = [str(column.header) for column in self.columns]
        return format_html_join("\n", ROW, (_labelled(labels, _row_values(person)) for person in rows))


DASH = "—"
# Each cell carries its column's name (``data-label``): on a phone the rows become labelled cards
# (ieum.css, "Phone reflow"), so 내선 and 이메일 are found without scrolling sideways.
ROW = (
    '<tr><td data-label="{}"><a href="{}" data-testid="staff-link">{}</a></td><td data-label="{}">{}</td>'
    '<td data-label="{}">{}</td><td data-label="{}">{}</td><td data-label="{}">{}</td>'
    '<td data-label="{}">{}</td><td data-label="{}">{}</td></tr>'
)


def _labelled(labels: list[str], values: tuple) -> tuple:
    """ROW's arguments: each cell's label before its value(s); the name cell has two (link, name)."""
    return (
        labels[0],
        *values[:2],
        *(part for pair in zip(labels[1:], values[2:], strict=True) for part in pair),
    )


def _row_values(person) -> tuple:
    email = format_html('<a href="mailto:{}">{}</a>', person.email, person.email) if person.email else DASH
    department = person.department.name if person.department_id else ""
    return (
        reverse("directory:profile", kwargs={"employee_number": person.employee_number}),
        person.name,
        department or DASH,
        person.position or DASH,
        person.grade or DASH,
        person.job_title or DASH,
        person.extension or DASH,
        email,
    )
