"""Front-end forms of the PR log and the partnerships (editors)."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.uploads import evidence_check
from intranet.widgets import LongSelect

from .models import ATTACHMENT_HELP, Partnership, PrActivity

MAX_FILES = 10


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input, each through ``evidence_check`` (type and 10 MB)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, (list, tuple)) else [data] if data else []
        if len(uploads) > MAX_FILES:
            raise forms.ValidationError(
                _("파일은 한 번에 %(count)s개까지 올릴 수 있습니다.") % {"count": MAX_FILES}
            )
        return [evidence_check(super(MultipleFileField, self).clean(upload, initial)) for upload in uploads]


class _RecordForm(forms.ModelForm):
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4, required=False)
    files = MultipleFileField(label=_("첨부 자료 추가"), help_text=ATTACHMENT_HELP)


class PrActivityForm(_RecordForm):
    link = forms.URLField(label=_("링크"), required=False, max_length=500, assume_scheme="https")

    class Meta:
        model = PrActivity
        fields = ["date", "channel", "title", "reach", "link", "note"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "note": forms.Textarea(attrs={"rows": 3}),
        }


class PartnershipForm(_RecordForm):
    class Meta:
        model = Partnership
        fields = ["partner", "kind", "date", "scope", "department"]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "scope": forms.Textarea(attrs={"rows": 4}),
            "department": LongSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["files"].label = _("관련 문서 추가")
        self.fields["department"].queryset = (
            self.fields["department"].queryset.filter(is_active=True).order_by("sort_order", "name")
        )
