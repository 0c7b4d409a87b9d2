"""Filters of the improvement task table."""

import django_filters
from django.utils.translation import gettext_lazy as _

from .models import ImprovementTask


class ImprovementTaskFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("상태"), choices=ImprovementTask.Status.choices, empty_label=_("전체")
    )
    area = django_filters.ModelChoiceFilter(label=_("영역"), queryset=None, empty_label=_("전체"))

    class Meta:
        model = ImprovementTask
        fields = ["status", "area"]

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["area"].queryset = areas
