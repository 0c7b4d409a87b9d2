"""Forms of the learning admin screens."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.directory.models import Department
from intranet.widgets import LongSelect


class DepartmentEnrolForm(forms.Form):
    department = forms.ModelChoiceField(
        label=_("부서"),
        queryset=Department.objects.filter(is_active=True).order_by("sort_order", "name"),
        widget=LongSelect,
    )
    include_subdepartments = forms.BooleanField(label=_("하위 부서 포함"), required=False, initial=True)


class ListEnrolForm(forms.Form):
    file = forms.FileField(
        label=_("사번 명단 파일(CSV 또는 XLSX)"),
        help_text=_(
            "첫 행에 '사번' 제목을 두고 한 줄에 한 명씩 적습니다. "
            "한 사람이라도 틀리면 아무도 신청되지 않습니다."
        ),
    )


class CapacityForm(forms.Form):
    capacity = forms.IntegerField(label=_("정원"), min_value=0, max_value=10000)
    reason = forms.CharField(label=_("사유"), max_length=300, required=False)


class VerifyForm(forms.Form):
    code = forms.CharField(
        label=_("확인 번호"), max_length=20, help_text=_("수료증 아래에 있는 확인 번호 (예: ABCD-EFGH-JKLM)")
    )

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()


class DecisionForm(forms.Form):
    reason = forms.CharField(label=_("사유"), max_length=300, required=False)
