"""The learning admins' review queue."""

import django_tables2 as tables
from django.utils.translation import gettext_lazy as _

from intranet.columns import KoreanDateColumn


class QueueTable(tables.Table):
    submitted_at = KoreanDateColumn(verbose_name=_("제출 시각"), with_time=True)
    staff = tables.Column(verbose_name=_("직원"), accessor="staff__name", order_by=("staff__name",))
    department = tables.Column(verbose_name=_("부서"), accessor="staff__department__name")
    kind = tables.Column(verbose_name=_("종류"), accessor="get_kind_display", order_by=("kind",))
    title = tables.Column(
        verbose_name=_("이름"),
        linkify=lambda record: record.get_absolute_url(),
        attrs={"td": {"data-testid": "queue-title"}},
    )
    organiser = tables.Column(verbose_name=_("주관·발급 기관"))
    hours = tables.Column(verbose_name=_("인정 시간"))

    class Meta:
        empty_text = _("검토할 기록이 없습니다.")
        attrs = {"class": "data-table", "data-testid": "review-queue"}


class YearTable(tables.Table):
    """The approved records of a year (the annual report's "records behind" its counts)."""

    learned_on = KoreanDateColumn(verbose_name=_("학습일"))
    staff = tables.Column(verbose_name=_("직원"), accessor="staff__name", order_by=("staff__name",))
    department = tables.Column(verbose_name=_("부서"), accessor="staff__department__name")
    kind = tables.Column(verbose_name=_("종류"), accessor="get_kind_display", order_by=("kind",))
    title = tables.Column(verbose_name=_("이름"), attrs={"td": {"data-testid": "year-title"}})
    organiser = tables.Column(verbose_name=_("주관·발급 기관"))
    hours = tables.Column(verbose_name=_("인정 시간"))

    class Meta:
        empty_text = _("이 해에 승인된 기록이 없습니다.")
        attrs = {"class": "data-table", "data-testid": "records-year"}
