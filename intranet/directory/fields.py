"""A form field that picks a colleague by name, not by a typed 사번."""

import re

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet.korean import fill
from intranet.widgets import StaffSearchInput

from .models import Staff
from .selectors import staff_search

_NUMBER_IN_LABEL = re.compile(r"\(([^()·\s]+)(?:\s*·[^()]*)?\)\s*$")
SUGGEST_LIMIT = 10


def staff_label(staff: Staff) -> str:
    """How a person is shown and typed in the picker: 김민수 (E1001 · 정보화교육팀)."""
    department = staff.department.name if staff.department_id else ""
    return f"{staff.name} ({staff.employee_number}{' · ' + department if department else ''})"


class StaffChoiceField(forms.Field):
    """An active colleague, chosen by typing part of a name (or initials, or a 사번) and picking
    from the suggestions; a unique match is enough. Cleans to a ``Staff``."""

    widget = StaffSearchInput
    default_error_messages = {
        "none": gettext_lazy("'%(query)s'에 맞는 재직 직원이 없습니다. 이름을 확인해 주세요."),
        "many": gettext_lazy(
            "'%(query)s'에 맞는 직원이 %(count)s명입니다. 목록에서 한 명을 골라 주세요: %(names)s"
        ),
    }

    def prepare_value(self, value):
        if isinstance(value, Staff):
            return staff_label(value)
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            staff = Staff.objects.select_related("department").filter(pk=value).first()
            return staff_label(staff) if staff else value
        return value

    def to_python(self, value):
        query = (value or "").strip()
        if not query:
            return None
        active = Staff.objects.select_related("department").filter(is_active=True)
        labelled = _NUMBER_IN_LABEL.search(query)
        number = labelled.group(1) if labelled else query
        exact = active.filter(employee_number=number).first()
        if exact:
            return exact
        matches = list(staff_search(query=query).order_by("name", "employee_number")[: SUGGEST_LIMIT + 1])
        if len(matches) == 1:
            return matches[0]
        if not matches:
            raise forms.ValidationError(fill(self.error_messages["none"], {"query": query}), code="none")
        names = ", ".join(staff_label(s) for s in matches[:SUGGEST_LIMIT])
        count = len(matches) if len(matches) <= SUGGEST_LIMIT else _("%(n)s명 이상") % {"n": SUGGEST_LIMIT}
        raise forms.ValidationError(
            fill(self.error_messages["many"], {"query": query, "count": count, "names": names}), code="many"
        )


def staff_suggestions(query: str) -> list[str]:
    """The picker's suggestions for what was typed: at most ten active colleagues' labels."""
    if len(query.strip()) < 1:
        return []
    return [
        staff_label(s) for s in staff_search(query=query).order_by("name", "employee_number")[:SUGGEST_LIMIT]
    ]
