"""Filters of the advice follow-up table: domain, department, status, year."""

import django_filters
from django.utils.translation import gettext_lazy as _

from intranet.directory.models import Department
from intranet.widgets import LongSelect

from .models import Advice, Domain
from .selectors import domain_rows


class AdviceFilter(django_filters.FilterSet):
    # LongSelect: one string per <select> instead of a template per <option> (the four
    # selects were a fifth of the page's CPU).
    year = django_filters.ChoiceFilter(
        label=_("연도"), choices=(), empty_label=_("전체"), method="in_year", widget=LongSelect
    )
    # The domains are shown from the cached rows (no query); a chosen one is still validated
    # against the queryset.
    domain = django_filters.ModelChoiceFilter(
        label=_("분야"),
        queryset=Domain.objects.order_by("sort_order", "pk"),
        empty_label=_("전체"),
        widget=LongSelect(rows=domain_rows),
    )
    department = django_filters.ModelChoiceFilter(
        label=_("담당 부서"), queryset=Department.objects.none(), empty_label=_("전체"), widget=LongSelect
    )
    stage = django_filters.ChoiceFilter(
        label=_("진행 상태"), choices=Advice.Stage.choices, empty_label=_("전체"), widget=LongSelect
    )

    class Meta:
        model = Advice
        fields = ["year", "domain", "department", "stage"]

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(str(y), _("%(year)s년") % {"year": y}) for y in years]
        # Only departments that own advice: a short list, read in one query.
        self.filters["department"].queryset = Department.objects.filter(
            pk__in=Advice.objects.values("department")
        ).order_by("sort_order", "code")

    def in_year(self, queryset, name, value):
        return queryset.filter(meeting__held_at__year=int(value))
