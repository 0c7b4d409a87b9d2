"""The progress update form: milestones done, KPI actuals, a comment and one evidence file.

The form only lays out and checks the input's shape (numbers, file type and size); the rules
(whose programme, closed plan, nothing to record) are the service's, ``progress_update_post``.
"""

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from intranet.korean import format_korean_date
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
                % {"title": m.title, "date": format_korean_date(m.due_date)},
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


class ProposalForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("제목"), max_length=200)
    body = forms.CharField(
        label=gettext_lazy("내용"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("무엇을, 왜 바꾸면 좋을지 적어 주세요."),
    )


class ProposalDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("검토 결과"),
        choices=[("accept", gettext_lazy("채택")), ("decline", gettext_lazy("미채택"))],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(
        label=gettext_lazy("사유"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": gettext_lazy("채택 또는 미채택 사유를 적어 주세요.")},
    )


class ProposalMergeForm(forms.Form):
    into = forms.TypedChoiceField(label=gettext_lazy("통합할 제안"), coerce=int)
    reason = forms.CharField(label=gettext_lazy("사유"), max_length=2000, required=False)

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].choices = list(choices)


class ProposalProgrammeForm(forms.Form):
    """The next-year programme made from an accepted proposal: where it lives, its first step."""

    code = forms.CharField(label=gettext_lazy("과제코드"), max_length=20)
    title = forms.CharField(label=gettext_lazy("과제명"), max_length=200)
    department = forms.ModelChoiceField(label=gettext_lazy("주관 부서"), queryset=None)
    owner_number = forms.CharField(label=gettext_lazy("담당자 사번"), max_length=20)
    milestone_title = forms.CharField(label=gettext_lazy("첫 추진 일정"), max_length=200)
    due_date = forms.DateField(
        label=gettext_lazy("완료 예정일"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        from intranet.directory.models import Department
        from intranet.widgets import LongSelect

        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.order_by("sort_order", "code")
        self.fields["department"].widget = LongSelect(choices=self.fields["department"].choices)

    def clean_owner_number(self):
        from intranet.directory.models import Staff

        number = self.cleaned_data["owner_number"].strip()
        staff = Staff.objects.filter(employee_number=number, is_active=True).first()
        if staff is None:
            raise forms.ValidationError(_("사번 %(value)s인 재직 직원이 없습니다.") % {"value": number})
        return staff


class SnapshotTakeForm(forms.Form):
    cut_off = forms.DateField(label=gettext_lazy("기준일"), widget=forms.DateInput(attrs={"type": "date"}))
    confirm = forms.BooleanField(
        label=gettext_lazy("스냅숏은 한 번 만들면 고칠 수 없다는 것을 확인했습니다."),
        error_messages={"required": gettext_lazy("확인란에 표시해 주세요.")},
    )


class ActionItemForm(forms.Form):
    row = forms.TypedChoiceField(label=gettext_lazy("과제"), coerce=int)
    title = forms.CharField(label=gettext_lazy("조치 사항"), max_length=300)
    owner_number = forms.CharField(label=gettext_lazy("담당자 사번"), max_length=20)
    due_date = forms.DateField(label=gettext_lazy("기한"), widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["row"].choices = [(r.pk, f"{r.programme.code} {r.programme.title}") for r in rows]

    clean_owner_number = ProposalProgrammeForm.clean_owner_number


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=gettext_lazy("상태"))

    def __init__(self, *args, **kwargs):
        from .models import ActionItem

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = ActionItem.State.choices


class EntryForm(forms.Form):
    summary = forms.CharField(
        label=gettext_lazy("성과 요약"), max_length=5000, widget=forms.Textarea(attrs={"rows": 6})
    )
    attachment = forms.FileField(
        label=gettext_lazy("첨부 자료"),
        required=False,
        help_text=gettext_lazy("PDF, HWP, HWPX, DOCX, XLSX, PPTX, JPG, PNG · 10MB 이하"),
    )

    def clean_attachment(self):
        return evidence_check(self.cleaned_data.get("attachment"))


class ContestSetupForm(forms.Form):
    """Criteria as lines "이름 | 가중치" and judges as employee numbers, one form for the planner."""

    title = forms.CharField(label=gettext_lazy("대회명"), max_length=200)
    entries_close_on = forms.DateField(
        label=gettext_lazy("참가 신청 마감일"), widget=forms.DateInput(attrs={"type": "date"})
    )
    criteria = forms.CharField(
        label=gettext_lazy("평가 항목"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("한 줄에 하나씩 '항목명 | 가중치'로 적습니다. 가중치의 합은 100입니다."),
    )
    judges = forms.CharField(
        label=gettext_lazy("심사위원 사번"),
        help_text=gettext_lazy("쉼표로 구분해 적습니다."),
        max_length=2000,
    )

    def clean_criteria(self):
        from .services import PerformanceError, criteria_weights_check

        rows = []
        for number, line in enumerate(self.cleaned_data["criteria"].splitlines(), start=1):
            if not line.strip():
                continue
            name, sep, weight = line.rpartition("|")
            if not sep or not name.strip():
                raise forms.ValidationError(
                    _("%(number)s번째 줄을 '항목명 | 가중치'로 적어 주세요.") % {"number": number}
                )
            rows.append((name.strip(), weight.strip()))
        try:
            criteria_weights_check([w for _n, w in rows])
        except PerformanceError as error:
            raise forms.ValidationError(error.messages) from None
        return rows

    def clean_judges(self):
        from intranet.directory.models import Staff

        numbers = [n.strip() for n in self.cleaned_data["judges"].split(",") if n.strip()]
        found = {
            s.employee_number: s for s in Staff.objects.filter(employee_number__in=numbers, is_active=True)
        }
        missing = [n for n in numbers if n not in found]
        if missing:
            raise forms.ValidationError(
                _("재직 직원이 아닌 사번입니다: %(numbers)s") % {"numbers": ", ".join(missing)}
            )
        return [found[n] for n in dict.fromkeys(numbers)]


class ScoreForm(forms.Form):
    def __init__(self, *args, criteria=(), initial_scores=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_scores = initial_scores or {}
        for criterion in criteria:
            self.fields[f"c_{criterion.pk}"] = forms.DecimalField(
                label=_("%(name)s (가중치 %(weight)s)")
                % {"name": criterion.name, "weight": plain_number(criterion.weight)},
                min_value=0,
                max_value=100,
                max_digits=5,
                decimal_places=2,
                initial=initial_scores.get(criterion.pk),
                error_messages={
                    "invalid": _("점수는 숫자로 적어 주세요."),
                    "min_value": _("점수는 0에서 100 사이여야 합니다."),
                    "max_value": _("점수는 0에서 100 사이여야 합니다."),
                },
            )

    def values(self) -> dict[int, str]:
        return {int(name[2:]): str(value) for name, value in self.cleaned_data.items()}


class RolloverForm(forms.Form):
    programmes = forms.MultipleChoiceField(
        label=gettext_lazy("이월할 과제"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": gettext_lazy("이월할 과제를 하나 이상 확인해 주세요.")},
    )

    def __init__(self, *args, candidates=(), next_year: int | None = None, **kwargs):
        from .services import rollover_code

        super().__init__(*args, **kwargs)
        choices = []
        for p in candidates:
            code = rollover_code(p.code, year=next_year - 1) if next_year else p.code
            label = f"{p.code} {p.title}" if code == p.code else f"{p.code} → {code} {p.title}"
            choices.append((str(p.pk), label))
        self.fields["programmes"].choices = choices
