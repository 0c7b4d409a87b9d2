from django import forms

from intranet.widgets import LongSelect


class Pick(forms.Form):
    team = forms.ChoiceField(
        choices=[("", "전체"), ("1", "교육<팀>"), ("2", "홍보팀")], widget=LongSelect, required=False
    )


def test_long_select_escapes_and_marks_the_choice():
    html = str(Pick({"team": "2"})["team"])
    assert '<option value="2" selected>홍보팀</option>' in html
    assert "교육&lt;팀&gt;" in html and "<팀>" not in html
    assert 'id="id_team"' in html


def test_long_select_marks_the_empty_choice_when_nothing_is_picked():
    assert '<option value="" selected>전체</option>' in str(Pick({})["team"])
