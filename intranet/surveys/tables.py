"""The improvement tasks as a sortable table."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from intranet.columns import KoreanDateColumn

from .models import ImprovementTask


class ImprovementTaskTable(tables.Table):
    title = tables.Column(verbose_name=_("개선 과제"), attrs={"td": {"data-testid": "task-title"}})
    area = tables.Column(verbose_name=_("영역"), order_by=("area__order", "area__code"))
    department = tables.Column(verbose_name=_("담당 부서"), order_by=("department__name",))
    owner = tables.Column(verbose_name=_("담당자"), order_by=("owner__name",))
    due_date = KoreanDateColumn(verbose_name=_("기한"))
    status = tables.Column(verbose_name=_("상태"))
    published_at = tables.Column(verbose_name=_("공개"), orderable=False)

    class Meta:
        model = ImprovementTask
        fields = ("title", "area", "department", "owner", "due_date", "status", "published_at")
        attrs = {"class": "data-table", "data-testid": "task-table"}
        per_page = 25
        empty_text = _("등록된 개선 과제가 없습니다.")
        order_by = ("due_date",)

    def render_published_at(self, value):
        return _("공개됨") if value else "—"
