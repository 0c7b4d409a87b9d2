"""Forms of the advisory screens. They check the shape of the input; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.directory.models import Department, Staff
from intranet.uploads import evidence_check
from intranet.widgets import LongSelect

from .models import Advice, Ceremony, Domain, Meeting, Member

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MemberForm(forms.ModelForm):
    class Meta:
        model = Member
        fields = ["name", "affiliation", "title", "domain", "role", "email", "phone"]


class TermForm(forms.Form):
    starts_on = forms.DateField(label=_("위촉일"), widget=DATE)
    ends_on = forms.DateField(label=_("임기 만료일"), widget=DATE)
    ceremony = forms.ModelChoiceField(
        label=_("위촉식"),
        queryset=Ceremony.objects.order_by("-held_on"),
        required=False,
        empty_label=_("없음"),
    )


class MeetingForm(forms.ModelForm):
    held_at = forms.DateTimeField(
        label=_("일시"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
    )

    class Meta:
        model = Meeting
        fields = ["number", "title", "held_at", "place", "online", "allowance", "minutes", "summary"]


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("안건"), max_length=200)
    presenter_department = forms.ModelChoiceField(
        label=_("보고 부서"),
        queryset=Department.objects.filter(is_active=True).order_by("sort_order", "code"),
        widget=LongSelect,
    )
    presenter = forms.ModelChoiceField(
        label=_("보고자"),
        queryset=Staff.objects.none(),
        required=False,
        empty_label=_("없음"),
        help_text=_("보고 부서의 직원"),
        widget=LongSelect,
    )
    document = forms.FileField(label=_("안건 자료"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["presenter"].queryset = Staff.objects.filter(is_active=True).order_by("name")

    def clean_document(self):
        return evidence_check(self.cleaned_data.get("document"))


class AttendanceForm(forms.Form):
    present = forms.ModelMultipleChoiceField(
        label=_("출석 위원"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = Member.objects.filter(pk__in=[m.pk for m in members]).order_by(
            "name"
        )


class RecusalForm(forms.Form):
    item = forms.ChoiceField(label=_("안건"))
    member = forms.ChoiceField(label=_("위원"))
    reason = forms.CharField(label=_("회피 사유"), max_length=300)

    def __init__(self, *args, items=(), members=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.pk, i.title) for i in items]
        self.fields["member"].choices = [(m.pk, m.name) for m in members]


class AdviceForm(forms.Form):
    item = forms.ChoiceField(label=_("안건"))
    text = forms.CharField(label=_("자문의견"), widget=forms.Textarea(attrs={"rows": 4}), max_length=5000)
    domain = forms.ModelChoiceField(label=_("분야"), queryset=Domain.objects.order_by("sort_order", "pk"))
    department = forms.ModelChoiceField(
        label=_("담당 부서"),
        queryset=Department.objects.filter(is_active=True).order_by("sort_order", "code"),
        required=False,
        widget=LongSelect,
    )
    due_on = forms.DateField(label=_("회신 기한"), widget=DATE)
    given_by = forms.ModelMultipleChoiceField(
        label=_("제시 위원"),
        queryset=Member.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    programme = forms.ModelChoiceField(
        label=_("관련 성과 과제"), queryset=None, required=False, empty_label=_("없음")
    )

    def __init__(self, *args, items=(), members=(), **kwargs):
        from performance.models import Programme

        super().__init__(*args, **kwargs)
        self.fields["item"].choices = [(i.pk, i.title) for i in items]
        self.fields["given_by"].queryset = Member.objects.filter(pk__in=[m.pk for m in members]).order_by(
            "name"
        )
        self.fields["programme"].queryset = Programme.objects.select_related("plan").order_by(
            "-plan__year", "code"
        )


class ResponseForm(forms.Form):
    response = forms.ChoiceField(label=_("회신"), choices=Advice.Response.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("회신 내용·사유"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=3000,
        help_text=_("일부 수용이나 불수용이면 꼭 적어 주세요."),
    )


class ProgressForm(forms.Form):
    progress = forms.IntegerField(label=_("이행률(%)"), min_value=0, max_value=100)
    note = forms.CharField(label=_("이행 내용"), widget=forms.Textarea(attrs={"rows": 3}), max_length=3000)
    evidence = forms.FileField(
        label=_("근거 자료"), required=False, help_text=_("이행 완료(100%)에는 꼭 붙여 주세요.")
    )

    def clean_evidence(self):
        return evidence_check(self.cleaned_data.get("evidence"))
