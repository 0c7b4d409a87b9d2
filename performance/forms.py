"""The progress update form: milestones done, KPI actuals, a comment and one evidence file.

The form only lays out and checks the input's shape (numbers, file type and size); the rules
(whose programme, closed plan, nothing to record) are the service's, ``progress_update_post``.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet.uploads import evidence_check

from .page_selectors import plain_number


class ProgressUpdateForm(forms.Form):
    milestones_done = forms.MultipleChoiceField(
        label=gettext_lazy("완료한 추진 일정"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": gettext_lazy("이 과제에 없거나 이미 완료된 추진 일정입니다.")},
    )
    comment = forms.CharField(
        label=gettext_lazy("추진 내용"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence = forms.FileField(
        label=gettext_lazy("증빙 자료"),
        required=False,
        help_text=gettext_lazy("PDF, HWP, HWPX, DOCX, XLSX, PPTX, JPG, PNG · 10MB 이하"),
    )

    def __init__(self, *args, milestones=(), kpis=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["milestones_done"].choices = [
            (
                str(m.pk),
                _("%(title)s (완료 예정 %(date)s)")
                % {"title": m.title, "date": f"{m.due_date:%Y. %-m. %-d.}"},
            )
            for m in milestones
            if m.done_on is None
        ]
        self.kpis = list(kpis)
        fields = dict(self.fields)
        self.fields.clear()
        self.fields["milestones_done"] = fields["milestones_done"]
        for kpi in self.kpis:
            self.fields[f"kpi_{kpi.pk}"] = forms.DecimalField(
                label=_("%(name)s 실적 (%(unit)s)") % {"name": kpi.name, "unit": kpi.unit}
                if kpi.unit
                else _("%(name)s 실적") % {"name": kpi.name},
                required=False,
                max_digits=12,
                decimal_places=2,
                initial=plain_number(kpi.actual).replace(",", "") or None,
                help_text=_("기준 %(baseline)s → 목표 %(target)s")
                % {"baseline": plain_number(kpi.baseline), "target": plain_number(kpi.target)},
                error_messages={"invalid": _("%(name)s 실적은 숫자로 적어 주세요.") % {"name": kpi.name}},
            )
        self.fields["comment"] = fields["comment"]
        self.fields["evidence"] = fields["evidence"]

    def clean_evidence(self):
        return evidence_check(self.cleaned_data.get("evidence"))

    def kpi_actuals(self) -> dict[str, str]:
        """The KPI values that changed (an unchanged pre-filled value is not a new actual)."""
        actuals = {}
        for kpi in self.kpis:
            value = self.cleaned_data.get(f"kpi_{kpi.pk}")
            if value is not None and value != kpi.actual:
                actuals[str(kpi.pk)] = str(value)
        return actuals


class StatusOverrideForm(forms.Form):
    """A planner's status for a programme, or none (back to the computed one); always a reason."""

    status = forms.ChoiceField(label=gettext_lazy("지정할 상태"), required=False)
    reason = forms.CharField(
        label=gettext_lazy("사유"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("상태를 지정하거나 해제할 때는 사유를 적어야 합니다.")},
    )

    def __init__(self, *args, **kwargs):
        from .models import Status

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("지정 해제 (계산된 상태)")), *Status.choices]
