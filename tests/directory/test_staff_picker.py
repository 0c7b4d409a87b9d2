"""Improvement-task owners (and any colleague) are chosen by name, not typed as 사번 (issue 14)."""

import pytest
from django import forms

from intranet.directory.fields import StaffChoiceField, staff_label
from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db


class Pick(forms.Form):
    owner = StaffChoiceField(label="담당자")


def test_a_unique_name_initials_or_the_picked_label_choose_the_person():
    team = DepartmentFactory(name="정보화교육팀")
    minsu = StaffFactory(name="김민수", department=team)
    StaffFactory(name="이영희", department=team)

    for typed in ("김민수", "민수", "ㄱㅁㅅ", staff_label(minsu), minsu.employee_number):
        form = Pick({"owner": typed})
        assert form.is_valid(), (typed, form.errors)
        assert form.cleaned_data["owner"] == minsu


def test_several_matches_are_listed_and_nobody_is_said_plainly():
    first = StaffFactory(name="박정훈", department=DepartmentFactory(name="기획팀"))
    second = StaffFactory(name="박정훈", department=DepartmentFactory(name="운영팀"))
    form = Pick({"owner": "박정훈"})
    assert not form.is_valid()
    message = form.errors["owner"][0]
    assert "2명" in message and staff_label(first) in message and staff_label(second) in message

    form = Pick({"owner": "홍길순"})
    assert not form.is_valid()
    assert form.errors["owner"] == ["'홍길순'에 맞는 재직 직원이 없습니다. 이름을 확인해 주세요."]


def test_a_former_colleague_cannot_be_chosen():
    StaffFactory(name="최은정", is_active=False)
    assert not Pick({"owner": "최은정"}).is_valid()


def test_the_widget_is_a_labelled_text_box_with_a_suggestion_list(login_as):
    minsu = StaffFactory(name="김민수", department=DepartmentFactory(name="정보화교육팀"))
    html = str(Pick(initial={"owner": minsu})["owner"])
    assert 'list="id_owner-suggestions"' in html and '<datalist id="id_owner-suggestions">' in html
    assert 'data-staff-search="/directory/suggest/"' in html
    assert f'value="{staff_label(minsu)}"' in html

    client = login_as()
    results = client.get("/directory/suggest/", {"q": "ㄱㅁㅅ"}).json()["results"]
    assert staff_label(minsu) in results
    assert client.get("/directory/suggest/", {"q": ""}).json() == {"results": []}
