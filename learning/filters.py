"""The catalogue's filters: category, month, mandatory, seats left, online/offline."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from intranet.widgets import LongSelect, PlainCheckboxInput, PlainTextInput

from .models import Category, CoursePage, Session
from .selectors import open_session_with_seats

MONTHS = [(m, _("%(month)s월") % {"month": m}) for m in range(1, 13)]
MODES = [("online", _("온라인")), ("offline", _("대면"))]


class CatalogueFilter(django_filters.FilterSet):
    # LongSelect: one string per <select> instead of a template per <option> (as the advice
    # table's filters).
    # The text box and the checkboxes are written without Django's widget templates (the same
    # markup).
    q = django_filters.CharFilter(
        label=_("과정명"), field_name="title", lookup_expr="icontains", widget=PlainTextInput
    )
    category = django_filters.ChoiceFilter(
        label=_("분류"), choices=Category.choices, empty_label=_("전체"), widget=LongSelect
    )
    month = django_filters.ChoiceFilter(
        label=_("교육 월"), choices=MONTHS, empty_label=_("전체"), method="in_month", widget=LongSelect
    )
    mandatory = django_filters.BooleanFilter(
        label=_("필수 과정만"), field_name="is_mandatory", widget=PlainCheckboxInput, method="only_true"
    )
    seats = django_filters.BooleanFilter(
        label=_("빈자리 있는 과정만"), widget=PlainCheckboxInput, method="with_seats"
    )
    mode = django_filters.ChoiceFilter(
        label=_("방식"), choices=MODES, empty_label=_("전체"), method="by_mode", widget=LongSelect
    )

    class Meta:
        model = CoursePage
        fields = ["q", "category", "month", "mandatory", "seats", "mode"]

    def in_month(self, queryset, name, value):
        return queryset.filter(
            Exists(Session.objects.filter(course=OuterRef("pk"), starts_at__month=int(value)))
        )

    def only_true(self, queryset, name, value):
        return queryset.filter(is_mandatory=True) if value else queryset

    def with_seats(self, queryset, name, value):
        return queryset.filter(open_session_with_seats()) if value else queryset

    def by_mode(self, queryset, name, value):
        online = Session.objects.filter(course=OuterRef("pk")).exclude(online_url="")
        offline = Session.objects.filter(course=OuterRef("pk"), online_url="")
        return queryset.filter(Exists(online if value == "online" else offline))
