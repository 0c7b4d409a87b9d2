"""The PR log as a sortable django-tables2 table."""

import django_tables2 as tables
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from intranet.columns import KoreanDateColumn


class PrActivityTable(tables.Table):
    date = KoreanDateColumn(verbose_name=_("날짜"))
    channel = tables.Column(verbose_name=_("매체"), attrs={"td": {"data-testid": "pr-channel"}})
    title = tables.Column(
        verbose_name=_("제목"),
        linkify=lambda record: record.get_absolute_url(),
        attrs={"td": {"data-testid": "pr-title"}},
    )
    reach = tables.Column(verbose_name=_("도달 수"), default="—")
    link = tables.Column(verbose_name=_("링크"), orderable=False, default="")
    attachments = tables.Column(verbose_name=_("첨부"), accessor="pk", orderable=False, empty_values=())

    class Meta:
        attrs = {"class": "data-table", "data-testid": "pr-table"}
        per_page = 25
        empty_text = _("조건에 맞는 홍보 실적이 없습니다.")
        order_by = ("-date",)

    def render_reach(self, value):
        return f"{value:,}"

    def render_link(self, value):
        return format_html('<a href="{}" rel="noopener noreferrer">{}</a>', value, _("바로가기"))

    def render_attachments(self, record):
        files = list(record.attachments.all())  # prefetched
        if not files:
            return "—"
        return format_html_join(
            ", ", '<a href="{}">{}</a>', ((f.get_absolute_url(), f.filename) for f in files)
        )
