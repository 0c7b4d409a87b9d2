"""Filters of the PR table: year and channel. The year choices are the years that have rows."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Channel, PrActivity


class PrActivityFilter(django_filters.FilterSet):
    year = django_filters.ChoiceFilter(label=_("연도"), choices=(), empty_label=_("전체"), method="in_year")
    channel = django_filters.ChoiceFilter(label=_("매체"), choices=Channel.choices, empty_label=_("전체"))

    class Meta:
        model = PrActivity
        fields = ["year", "channel"]

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["year"].extra["choices"] = [(str(y), _("%(year)s년") % {"year": y}) for y in years]

    def in_year(self, queryset, name, value):
        return queryset.filter(date__year=int(value))
