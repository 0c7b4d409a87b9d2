"""The advice follow-up table (django-tables2)."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _


class AdviceTable(tables.Table):
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

    def render_text(self, value):
        return value if len(value) <= 80 else value[:79] + "…"

    def render_progress(self, value):
        return f"{value}%"
