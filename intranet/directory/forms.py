from pathlib import Path

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import PersonalDataAccess, Staff

PHOTO_MAX_BYTES = 2 * 1024 * 1024
PHOTO_EXTENSIONS = (".jpg", ".jpeg", ".png", ".webp")


class ProfileForm(forms.ModelForm):
    """What a person may change on their own profile."""

    class Meta:
        model = Staff
        fields = Staff.SELF_EDITABLE_FIELDS
        widgets = {"bio": forms.Textarea(attrs={"rows": 4})}

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and hasattr(photo, "size") and photo.size > PHOTO_MAX_BYTES:
            raise forms.ValidationError(_("사진은 2 MB 이하여야 합니다."))
        if photo and hasattr(photo, "size") and Path(photo.name).suffix.lower() not in PHOTO_EXTENSIONS:
            # Only these are shown inline from /media/ (intranet.media); others would be downloads.
            raise forms.ValidationError(_("사진은 JPG, PNG, WEBP 파일만 올릴 수 있습니다."))
        return photo


class HrProfileForm(ProfileForm):
    """HR admins edit every field of a person's record."""

    class Meta(ProfileForm.Meta):
        fields = (
            "name",
            "name_en",
            "department",
            "grade",
            "position",
            "email",
            "hired_on",
            "is_active",
            *Staff.SELF_EDITABLE_FIELDS,
        )
        widgets = {**ProfileForm.Meta.widgets, "hired_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, conceal_personal: bool = False, **kwargs):
        """``conceal_personal``: an HR admin editing someone else's record may write the personal
        fields but not read them here (reading goes through the profile, with a purpose, logged).
        A concealed field left empty keeps its value."""
        super().__init__(*args, **kwargs)
        self.concealed = Staff.PERSONAL_FIELDS if conceal_personal else ()
        for name in self.concealed:
            self.initial[name] = ""
            self.fields[name].help_text = _(
                "현재 값은 프로필에서 열람 목적을 고른 뒤에 볼 수 있습니다. 비워 두면 바뀌지 않습니다."
            )

    def clean(self):
        cleaned = super().clean()
        for name in self.concealed:
            if not cleaned.get(name):
                cleaned[name] = getattr(self.instance, name)
        return cleaned


class PersonalDataPurposeForm(forms.Form):
    """Why an HR admin opens someone else's personal fields: chosen from a fixed list, logged."""

    purpose = forms.ChoiceField(
        label=_("열람 목적"),
        choices=[("", _("목적을 고르십시오")), *PersonalDataAccess.Purpose.choices],
        error_messages={
            "required": _("개인정보를 보려면 열람 목적을 고르십시오."),
            "invalid_choice": _("목록에 있는 열람 목적을 고르십시오."),
        },
    )


class ImportUploadForm(forms.Form):
    """The admin's HR import upload. The file itself (type, size, content) is judged by
    ``imports.import_run_start``, so that a refused file still leaves an audit record."""

    KIND_CHOICES = [("departments", _("부서")), ("staff", _("직원"))]

    kind = forms.ChoiceField(label=_("가져올 자료"), choices=KIND_CHOICES)
    file = forms.FileField(label=_("파일 (CSV 또는 XLSX)"), allow_empty_file=True)
    dry_run = forms.BooleanField(label=_("시험 실행 (아무것도 저장하지 않음)"), required=False)
    deactivate_missing = forms.BooleanField(
        label=_("파일에 없는 직원을 퇴직 처리 (직원 자료만)"), required=False
    )
