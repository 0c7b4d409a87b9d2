"""Department choices whose names repeat show their parent (or code) so a person can tell them
apart (issue 14)."""

import pytest
from django import forms

from intranet.directory.models import Department
from intranet.directory.selectors import department_choice_labels
from intranet.widgets import LongSelect
from tests.factories import DepartmentFactory


def test_labels_tell_repeated_names_apart():
    rows = [
        ("기획실", "D1", None),
        ("교육팀", "D11", "기획실"),
        ("교육팀", "D21", "운영실"),
        ("지원팀", "D31", "본부"),
        ("지원팀", "D32", "본부"),
        ("총무팀", "D41", "본부"),
    ]
    assert department_choice_labels(rows) == [
        "기획실",
        "교육팀 (기획실)",
        "교육팀 (운영실)",
        "지원팀 (본부 · D31)",
        "지원팀 (본부 · D32)",
        "총무팀",
    ]


@pytest.mark.django_db
def test_long_selects_and_the_directory_department_show_the_parent(login_as):
    planning = DepartmentFactory(code="P", name="기획실")
    operations = DepartmentFactory(code="O", name="운영실")
    DepartmentFactory(code="P1", name="교육팀", parent=planning)
    DepartmentFactory(code="O1", name="교육팀", parent=operations)

    class Pick(forms.Form):
        department = forms.ModelChoiceField(queryset=Department.objects.order_by("code"), widget=LongSelect)

    html = str(Pick()["department"])
    assert ">교육팀 (기획실)</option>" in html and ">교육팀 (운영실)</option>" in html
    assert ">기획실</option>" in html

    team = Department.objects.get(code="O1")
    page = login_as().get(f"/directory/?department={team.pk}").content.decode()
    assert "부서: <strong>교육팀 (운영실)</strong>" in page  # the chosen one, told apart by its parent
