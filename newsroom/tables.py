"""The editors' lists: issues with their readers, and who has not acknowledged a notice."""

import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class IssueReadsTable(tables.Table):
    label = tables.Column(verbose_name=_("호"), accessor="year", order_by=("year", "month"), orderable=True)
    title = tables.Column(verbose_name=_("제목"), linkify=lambda record: record.url)
    live = tables.BooleanColumn(verbose_name=_("발행"), yesno=(_("발행"), _("미발행")))
    readers = tables.Column(
        verbose_name=_("읽은 직원"),
        linkify=lambda record: reverse("newsroom:issue_reads", args=[record.pk]),
        attrs={"td": {"data-testid": "issue-readers"}},
    )

    class Meta:
        attrs = {"class": "data-table", "data-testid": "issue-reads-table"}
        orderable = False

    def render_label(self, record):
        return record.label


class PendingTable(tables.Table):
    name = tables.Column(verbose_name=_("성명"), linkify=lambda record: record.get_absolute_url())
    department = tables.Column(verbose_name=_("부서"), accessor="department__name", default="")
    grade = tables.Column(verbose_name=_("직급"))
    position = tables.Column(verbose_name=_("직위"))

    class Meta:
        attrs = {"class": "data-table", "data-testid": "pending-table"}
        orderable = False
