"""The plan's programmes as a sortable table of computed rows (``selectors.ProgrammeRow``)."""

import django_tables2 as tables
from django.utils.html import format_html
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
