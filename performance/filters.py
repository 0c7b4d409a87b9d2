"""Filters of the programme table: origin, department, owner in SQL, status in Python.

Status is derived (``progress.py``), so it cannot be a WHERE clause; the view keeps the rows
whose computed status matches ``status_wanted``. Department and owner choices come from the
plan's rows already in memory, so the form costs no query.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from intranet.directory.selectors import department_choice_labels
from intranet.widgets import LongSelect

from .models import Programme, Status


class ProgrammeFilter(django_filters.FilterSet):
    # LongSelect: one string per <select> instead of Django's template per <option> (the four
    # selects were about a third of the plan page's CPU).
    origin = django_filters.ChoiceFilter(
        label=_("유형"), choices=Programme.Origin.choices, empty_label=_("전체"), widget=LongSelect
    )
    department = django_filters.ChoiceFilter(
        label=_("주관 부서"), field_name="department_id", choices=(), empty_label=_("전체"), widget=LongSelect
    )
    owner = django_filters.ChoiceFilter(
        label=_("담당자"),
        field_name="owner__employee_number",
        choices=(),
        empty_label=_("전체"),
        widget=LongSelect,
    )
    status = django_filters.ChoiceFilter(
        label=_("상태"), choices=Status.choices, empty_label=_("전체"), method="keep_all", widget=LongSelect
    )

    class Meta:
        model = Programme
        fields = ["origin", "department", "owner", "status"]

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        departments, owners = {}, {}
        for row in rows:
            programme = row.programme
            departments[str(programme.department_id)] = programme.department
            owners[programme.owner.employee_number] = programme.owner
        ordered = sorted(departments.items(), key=lambda i: (i[1].sort_order, i[1].name))
        labels = department_choice_labels(
            (d.name, d.code, d.parent.name if d.parent_id else "") for _key, d in ordered
        )
        self.filters["department"].extra["choices"] = [
            (key, label) for (key, _d), label in zip(ordered, labels, strict=True)
        ]
        self.filters["owner"].extra["choices"] = [
            (key, s.name) for key, s in sorted(owners.items(), key=lambda i: (i[1].name, i[0]))
        ]

    def keep_all(self, queryset, name, value):
        return queryset  # applied to the computed rows by ``status_wanted``

    @property
    def uses_sql(self) -> bool:
        """Whether origin, department or owner narrow the rows (then the view asks for the pks)."""
        if not self.is_bound:
            return False
        self.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        return any(data.get(name) for name in ("origin", "department", "owner"))

    @property
    def status_wanted(self) -> str:
        if not self.is_bound:
            return ""
        self.is_valid()
        return getattr(self.form, "cleaned_data", {}).get("status") or ""
