from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import Staff

PHOTO_MAX_BYTES = 2 * 1024 * 1024


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


class ImportUploadForm(forms.Form):
    KIND_CHOICES = [("departments", _("부서")), ("staff", _("직원"))]

    kind = forms.ChoiceField(label=_("가져올 자료"), choices=KIND_CHOICES)
    file = forms.FileField(label=_("파일 (CSV 또는 XLSX)"))
    dry_run = forms.BooleanField(label=_("시험 실행 (아무것도 저장하지 않음)"), required=False)
    deactivate_missing = forms.BooleanField(label=_("파일에 없는 직원을 퇴직 처리"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.IEUM_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("파일이 너무 큽니다: %(size)s MB (최대 %(limit)s MB).")
                % {
                    "size": round(upload.size / 1024 / 1024, 1),
                    "limit": settings.IEUM_IMPORT_MAX_BYTES // 1024 // 1024,
                }
            )
        return upload
