from html import escape

import django_filters
from django import forms
from django.forms.utils import flatatt
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from .models import Department, Staff
from .selectors import staff_search_q


class DepartmentSelect(forms.Select):
    """The department ``<select>``, built as one string from ``(pk, name)`` rows.

    Django renders every ``<option>`` through a template and makes a model instance for each;
    for the 1,700 teams of a 20,000-person agency that took over 200 ms a page.
    """

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        choices = self.choices
        rows = choices.queryset.values_list("pk", "name") if hasattr(choices, "queryset") else choices
        empty = getattr(getattr(choices, "field", None), "empty_label", None)
        parts = [f'<select name="{escape(name)}"{flatatt(self.build_attrs(self.attrs, attrs))}>']
        if empty is not None:
            parts.append(
                f'<option value=""{"" if selected - {""} else " selected"}>{escape(str(empty))}</option>'
            )
        for key, label in rows:
            key = escape(str(key))  # str() of a ModelChoiceIteratorValue or a primary key
            mark = " selected" if key in selected else ""
            parts.append(f'<option value="{key}"{mark}>{escape(str(label))}</option>')
        parts.append("</select>")
        return mark_safe("".join(parts))  # every value above is escaped


class StaffFilter(django_filters.FilterSet):
    """Directory filters; choices for grade and position come from the data (see the view)."""

    q = django_filters.CharFilter(label=_("검색"), method="search")
    department = django_filters.ModelChoiceFilter(
        label=_("부서"),
        queryset=Department.objects.filter(is_active=True),
        empty_label=_("전체 부서"),
        widget=DepartmentSelect,
    )
    grade = django_filters.ChoiceFilter(label=_("직급"), empty_label=_("전체 직급"))
    position = django_filters.ChoiceFilter(label=_("직위"), empty_label=_("전체 직위"))

    class Meta:
        model = Staff
        fields = ["q", "department", "grade", "position"]

    def __init__(self, *args, choices: dict[str, list[str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, values in (choices or {}).items():
            self.filters[name].extra["choices"] = [(v, v) for v in values]

    def search(self, queryset, name, value):
        return queryset.filter(staff_search_q(value)) if value.strip() else queryset
