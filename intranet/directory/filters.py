import django_filters
from django.utils.translation import gettext_lazy as _

from intranet.widgets import LongSelect

from .models import Department, Staff
from .selectors import department_rows, staff_search_q


class StaffFilter(django_filters.FilterSet):
    """Directory filters; choices for grade and position come from the data (see the view)."""

    q = django_filters.CharFilter(label=_("검색"), method="search")
    department = django_filters.ModelChoiceFilter(
        label=_("부서"),
        queryset=Department.objects.filter(is_active=True),
        empty_label=_("전체 부서"),
        # The options come from a cached list; the field still checks a chosen pk with a query.
        widget=LongSelect(rows=department_rows),
    )
    # One string, not a template per <option> (Django's Select cost about 1 ms a page here).
    grade = django_filters.ChoiceFilter(label=_("직급"), empty_label=_("전체 직급"), widget=LongSelect)
    position = django_filters.ChoiceFilter(label=_("직위"), empty_label=_("전체 직위"), widget=LongSelect)

    class Meta:
        model = Staff
        fields = ["q", "department", "grade", "position"]

    def __init__(self, *args, choices: dict[str, list[str]] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        for name, values in (choices or {}).items():
            self.filters[name].extra["choices"] = [(v, v) for v in values]

    def search(self, queryset, name, value):
        return queryset.filter(staff_search_q(value)) if value.strip() else queryset
