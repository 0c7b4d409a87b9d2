import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.widgets import LongSelect

from .models import Department, Staff
from .selectors import department_rows, filter_choices, staff_search_q


def _rows_of(name: str):
    """A callable giving the cached distinct values of ``name`` as ``(value, label)`` rows.

    Given as a callable, the choices are read when the form is rendered or validated, not
    deep-copied with the form's fields on every page (hundreds of positions cost about 1.5 ms)."""

    def rows() -> tuple[tuple[str, str], ...]:
        return tuple((value, value) for value in filter_choices()[name])

    return rows


GRADE_ROWS, POSITION_ROWS = _rows_of("grade"), _rows_of("position")


class StaffFilter(django_filters.FilterSet):
    """Directory filters; choices for grade and position come from the data (cached)."""

    q = django_filters.CharFilter(label=_("검색"), method="search")
    department = django_filters.ModelChoiceFilter(
        label=_("부서"),
        queryset=Department.objects.filter(is_active=True),
        empty_label=_("전체 부서"),
        # No list of every department (1,747 options were 80 KB of the page at agency scale): a
        # department is chosen on the org chart ("직원 보기") or found by name in ``q``; the
        # chosen one travels as a hidden field and the page names it (``department_label``).
        widget=forms.HiddenInput,
    )
    # One string, not a template per <option> (Django's Select cost about 1 ms a page here).
    grade = django_filters.ChoiceFilter(
        label=_("직급"),
        empty_label=_("전체 직급"),
        choices=GRADE_ROWS,
        widget=LongSelect(rows=GRADE_ROWS),
    )
    position = django_filters.ChoiceFilter(
        label=_("직위"),
        empty_label=_("전체 직위"),
        choices=POSITION_ROWS,
        widget=LongSelect(rows=POSITION_ROWS),
    )

    class Meta:
        model = Staff
        fields = ["q", "department", "grade", "position"]

    def department_label(self) -> str:
        """The chosen department's name, from the cached rows (no query), or ''."""
        chosen = str(self.form["department"].value() or "")
        return dict(department_rows()).get(chosen, "") if chosen else ""

    def search(self, queryset, name, value):
        return queryset.filter(staff_search_q(value)) if value.strip() else queryset
