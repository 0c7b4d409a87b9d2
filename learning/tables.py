"""The catalogue table of course pages (annotated by ``selectors.catalogue_queryset``)."""

import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet.columns import KoreanDateColumn


class CatalogueTable(tables.Table):
    title = tables.Column(
        verbose_name=gettext_lazy("과정명"),
        # With the request, Wagtail keeps the site root paths on it: ``record.url`` asked the
        # cache for them once per row (a Redis round trip each in production).
        linkify=lambda record, table: record.get_url(request=getattr(table, "request", None)),
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

    def render_is_mandatory(self, value):
        return format_html('<span class="tag">{}</span>', _("필수")) if value else "—"

    def render_has_online(self, value):
        return _("온라인") if value else _("대면")

    def render_hours(self, value):
        return _("%(hours)s시간") % {"hours": f"{value:g}"}


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
