"""Filters of the programme table: origin, department, owner and status, applied in Python.

The plan page holds every row of the plan in memory (``selectors.plan_page``), and status is
derived (``progress.py``), so ``keep`` applies every choice to the rows in Python rather than as
a WHERE clause. Department and owner choices come from the plan's rows, so the form costs no
query.
"""

import django_filters
from django.utils.translation import gettext_lazy as _

from intranet.widgets import LongSelect

from .models import Programme, Status


class ProgrammeFilter(django_filters.FilterSet):
    # LongSelect: one string per <select> instead of Django's template per <option> (the four
    # selects were about a third of the plan page's CPU).
    origin = django_filters.ChoiceFilter(
        label=_("유형"), choices=Programme.Origin.choices, empty_label=_("전체"), widget=LongSelect
    )
    # Department and owner: one option per department and owner of the plan (300 each at agency
    # scale). As choice fields, their choices were normalised and deep-copied with the form on
    # every view (some 2,500 calls); as text fields shown through ``LongSelect`` with the kept
    # rows, the form costs nothing per option, and ``keep`` ignores a value that is not one of
    # the rows, as the choice field did.
    department = django_filters.CharFilter(
        label=_("주관 부서"), field_name="department_id", method="keep_all", widget=LongSelect
    )
    owner = django_filters.CharFilter(
        label=_("담당자"), field_name="owner__employee_number", method="keep_all", widget=LongSelect
    )
    status = django_filters.ChoiceFilter(
        label=_("상태"), choices=Status.choices, empty_label=_("전체"), method="keep_all", widget=LongSelect
    )

    class Meta:
        model = Programme
        fields = ["origin", "department", "owner", "status"]

    def __init__(self, *args, departments=(), owners=(), **kwargs):
        """``departments`` and ``owners``: the ``(value, label)`` choices of the plan's rows
        (``selectors.plan_page`` keeps them), so the form costs no query."""
        super().__init__(*args, **kwargs)
        everyone = ("", str(_("전체")))
        self.filters["department"].extra["widget"] = LongSelect(rows=(everyone, *departments))
        self.filters["owner"].extra["widget"] = LongSelect(rows=(everyone, *owners))
        self.known = {"department": {k for k, _label in departments}, "owner": {k for k, _label in owners}}

    def keep_all(self, queryset, name, value):
        return queryset  # applied to the computed rows by ``keep``

    def keep(self, rows):
        """The computed rows (``selectors.ProgrammeRow``) that the valid choices keep, in Python:
        the same rows as the filtered queryset, without asking the database for them."""
        if not self.is_bound:
            return rows
        self.is_valid()
        data = getattr(self.form, "cleaned_data", {})
        if origin := data.get("origin"):
            rows = [r for r in rows if r.programme.origin == origin]
        if (department := data.get("department")) in self.known["department"]:
            rows = [r for r in rows if str(r.programme.department_id) == department]
        if (owner := data.get("owner")) in self.known["owner"]:
            rows = [r for r in rows if r.programme.owner.employee_number == owner]
        if status := data.get("status"):
            rows = [r for r in rows if r.status == status]
        return rows
