"""Forms of external learning: one per kind (the fields that kind needs), and the review form.
The forms check shape and the evidence file; the rules are the service's (``services._check``)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from intranet.korean import fill
from intranet.uploads import evidence_check

from .models import ExternalRecord
from .services import RecordInput

EVIDENCE_HELP = _("PDF, HWP, HWPX, DOCX, XLSX, PPTX, JPG, PNG · 10MB 이하")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RecordForm(forms.ModelForm):
    kind = None  # set by the subclasses

    class Meta:
        model = ExternalRecord
        fields = []
        widgets = dict.fromkeys(("start_date", "end_date", "acquired_on", "expires_on"), DATE) | {
            "evidence": forms.FileInput  # the stored file has no public URL to link to
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].help_text = EVIDENCE_HELP
        self.fields["evidence"].required = self.instance.pk is None
        self.fields["evidence"].error_messages["required"] = _("증빙 자료를 첨부해 주세요.")
        for name in ("title", "organiser"):
            self.fields[name].error_messages["required"] = fill(
                _("%(field)s을(를) 적어 주세요."), {"field": self.fields[name].label}
            )

    def clean_evidence(self):
        return evidence_check(self.cleaned_data.get("evidence"), current=self.instance.evidence or None)

    def record_input(self) -> RecordInput:
        data = self.cleaned_data
        return RecordInput(
            kind=self.kind,
            title=data.get("title", ""),
            organiser=data.get("organiser", ""),
            hours=data.get("hours") if data.get("hours") is not None else 0,
            start_date=data.get("start_date"),
            end_date=data.get("end_date"),
            certificate_number=data.get("certificate_number", ""),
            acquired_on=data.get("acquired_on"),
            expires_on=data.get("expires_on"),
        )

    def _post_clean(self):
        """The service validates and saves; the model's own validation would duplicate it."""


class ConferenceForm(RecordForm):
    kind = ExternalRecord.Kind.CONFERENCE

    class Meta(RecordForm.Meta):
        fields = ["title", "organiser", "start_date", "end_date", "hours", "evidence"]
        labels = {"title": _("행사명"), "organiser": _("주관 기관")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("start_date", "end_date", "hours"):
            self.fields[name].required = True
        self.fields["hours"].help_text = _("참석한 시간 (예: 8, 3.5)")


class CertificateForm(RecordForm):
    kind = ExternalRecord.Kind.CERTIFICATE

    class Meta(RecordForm.Meta):
        fields = [
            "title",
            "organiser",
            "certificate_number",
            "acquired_on",
            "expires_on",
            "hours",
            "evidence",
        ]
        labels = {"title": _("자격증 이름"), "organiser": _("발급 기관")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["acquired_on"].required = True
        self.fields["hours"].required = False
        self.fields["hours"].help_text = _("교육 시간으로 인정받을 시간이 있으면 적어 주세요.")
        self.fields["expires_on"].help_text = _("만료일이 있으면 30일 전에 알려 드립니다.")


FORMS = {ExternalRecord.Kind.CONFERENCE: ConferenceForm, ExternalRecord.Kind.CERTIFICATE: CertificateForm}


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("검토 결과"),
        choices=[("approve", _("승인")), ("return", _("반려"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("승인 또는 반려를 골라 주세요.")},
    )
    reason = forms.CharField(
        label=_("의견 (반려할 때는 필수)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "return" and not (data.get("reason") or "").strip():
            self.add_error("reason", _("반려할 때는 사유를 적어야 합니다."))
        return data
