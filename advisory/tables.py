"""The advice follow-up table (django-tables2)."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy as _

from intranet.columns import PythonTableMixin
from intranet.korean import format_korean_date

from .models import Advice


class AdviceTable(PythonTableMixin, tables.Table):
    held = tables.DateColumn(verbose_name=_("회의일"), accessor="meeting__held_at", format="Y. n. j.")
    meeting = tables.Column(verbose_name=_("회의"), linkify=lambda record: record.meeting.get_absolute_url())
    text = tables.Column(
        verbose_name=_("자문의견"),
        linkify=lambda record: record.get_absolute_url(),
        attrs={"td": {"data-testid": "advice-text"}},
    )
    domain = tables.Column(verbose_name=_("분야"), accessor="domain__name")
    department = tables.Column(verbose_name=_("담당 부서"), accessor="department__name")
    due_on = tables.DateColumn(verbose_name=_("회신 기한"), format="Y. n. j.")
    response = tables.Column(verbose_name=_("회신"), default="—")
    stage = tables.Column(verbose_name=_("진행 상태"), attrs={"td": {"data-testid": "advice-stage"}})
    progress = tables.Column(verbose_name=_("이행률"))

    class Meta:
        attrs = {"class": "data-table", "data-testid": "advice-table"}
        per_page = 25
        empty_text = _("조건에 맞는 자문의견이 없습니다.")
        order_by = ("-held",)
        # The rows are written in Python (``body_html``, as the directory's staff table and the
        # catalogue): the two DateColumns compiled a template for every cell they rendered, and
        # django-tables2's generic per-cell path was most of the page's CPU. django-tables2 still
        # sorts, pages and writes the headers and the pagination.
        template_name = "advisory/advice_table.html"
        # The page writes the whole table in Python too (``PythonTableMixin.table_html``); the
        # template stays the reference it is tested against (tests/core/test_python_table.py).

    def render_text(self, value):
        return value if len(value) <= 80 else value[:79] + "…"

    def render_progress(self, value):
        return f"{value}%"

    def body_html(self) -> SafeString:
        """The ``<tr>`` of each advice on the page (every value escaped), or the empty text."""
        rows = [row.record for row in self.paginated_rows]
        if not rows:
            return format_html('<tr><td colspan="{}">{}</td></tr>', len(self.columns), self.empty_text)
        # Each label translated once a page, not once a row.
        labels = {
            "response": {value: str(label) for value, label in Advice.Response.choices},
            "stage": {value: str(label) for value, label in Advice.Stage.choices},
        }
        return format_html_join(
            "\n", ADVICE_ROW, (self._row(n, advice, labels) for n, advice in enumerate(rows))
        )

    def _row(self, n: int, advice, labels: dict) -> tuple:
        meeting = advice.meeting
        return (
            "odd" if n % 2 else "even",
            format_korean_date(meeting.held_at) or DASH,
            reverse("advisory:meeting", kwargs={"pk": meeting.pk}),
            str(meeting),
            reverse("advisory:advice", kwargs={"pk": advice.pk}),
            self.render_text(advice.text),
            advice.domain.name,
            advice.department.name,
            format_korean_date(advice.due_on) or DASH,
            labels["response"].get(advice.response, advice.response) or DASH,
            labels["stage"].get(advice.stage, advice.stage),
            self.render_progress(advice.progress),
        )


DASH = "—"
ADVICE_ROW = (
    '<tr class="{}"><td>{}</td><td><a href="{}">{}</a></td>'
    '<td data-testid="advice-text"><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td>'
    '<td>{}</td><td data-testid="advice-stage">{}</td><td>{}</td></tr>'
)
