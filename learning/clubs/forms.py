"""Front-end forms the leader (or a learning admin) uses to keep the club page up to date."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.directory.models import Staff

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ClubEditForm(forms.Form):
    description = forms.CharField(
        label=_("소개"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 5})
    )
    is_open = forms.BooleanField(label=_("가입 가능 (직원이 직접 가입·탈퇴)"), required=False)


class _MembersForm(forms.Form):
    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields[self.people_field]
        field.queryset = Staff.objects.filter(pk__in=[m.pk for m in members]).order_by("name")
        field.label_from_instance = lambda staff: staff.name


class MeetingForm(_MembersForm):
    people_field = "attendees"
    held_on = forms.DateField(
        label=_("모임 날짜"), widget=DATE, error_messages={"required": _("모임 날짜를 적어 주세요.")}
    )
    topic = forms.CharField(
        label=_("주제"), max_length=200, error_messages={"required": _("모임 주제를 적어 주세요.")}
    )
    attendees = forms.ModelMultipleChoiceField(
        label=_("참석자"),
        queryset=Staff.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("동호회 회원이 아닌 사람은 참석자로 고를 수 없습니다.")},
    )
    notes = forms.CharField(
        label=_("내용"), required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )


class EntryForm(_MembersForm):
    people_field = "team"
    competition = forms.CharField(
        label=_("대회"), max_length=200, error_messages={"required": _("대회 이름을 적어 주세요.")}
    )
    entry_title = forms.CharField(
        label=_("출품작"), max_length=200, error_messages={"required": _("출품작 이름을 적어 주세요.")}
    )
    held_on = forms.DateField(
        label=_("대회 날짜"), widget=DATE, error_messages={"required": _("대회 날짜를 적어 주세요.")}
    )
    team = forms.ModelMultipleChoiceField(
        label=_("참가 회원"),
        queryset=Staff.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("동호회 회원이 아닌 사람은 참가 회원으로 고를 수 없습니다.")},
    )
    result = forms.CharField(
        label=_("결과·수상"), required=False, max_length=100, help_text=_("예: 우수상, 본선 진출")
    )
