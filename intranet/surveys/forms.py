"""Forms of the survey pages: the answer sheet, the results filters, the improvement task."""

from dataclasses import dataclass, field

from django import forms
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from intranet.caching import ProcessMemory
from intranet.directory.fields import StaffChoiceField
from intranet.directory.models import Department
from intranet.uploads import evidence_check
from intranet.widgets import LongSelect

from .models import ImprovementTask, QuestionKind, SurveyQuestion
from .results import FILTER_DIMENSIONS

LIKERT_LABELS = {
    5: [
        gettext_lazy("전혀 그렇지 않다"),
        gettext_lazy("그렇지 않다"),
        gettext_lazy("보통이다"),
        gettext_lazy("그렇다"),
        gettext_lazy("매우 그렇다"),
    ],
    7: [
        gettext_lazy("전혀 그렇지 않다"),
        gettext_lazy("그렇지 않다"),
        gettext_lazy("약간 그렇지 않다"),
        gettext_lazy("보통이다"),
        gettext_lazy("약간 그렇다"),
        gettext_lazy("그렇다"),
        gettext_lazy("매우 그렇다"),
    ],
}


# --- the answer sheet ----------------------------------------------------------------------------
# Not a Django form: the service (answers_clean) validates, and its SurveyError carries the
# per-question messages. This only lays the questions out with the values and errors to show.


@dataclass
class QuestionField:
    question: SurveyQuestion
    number: int
    selected: set[str] = field(default_factory=set)
    text: str = ""
    error: str = ""

    @property
    def name(self) -> str:
        return f"q{self.question.pk}"

    @property
    def kind(self) -> str:
        return self.question.bank_question.kind

    @property
    def is_text(self) -> bool:
        return self.kind == QuestionKind.TEXT

    @property
    def is_multiple(self) -> bool:
        return self.kind == QuestionKind.MULTIPLE

    @property
    def is_scale(self) -> bool:
        return self.kind in (QuestionKind.LIKERT5, QuestionKind.LIKERT7, QuestionKind.ENPS)

    @property
    def first_input_id(self) -> str:
        return self.name if self.is_text else f"{self.name}-0"

    @property
    def options(self) -> list[dict]:
        """``value``, ``label`` and ``checked`` for each radio or checkbox, in order."""
        bank = self.question.bank_question
        if self.kind == QuestionKind.ENPS:
            pairs = [(str(n), str(n)) for n in range(11)]
        elif self.kind in (QuestionKind.LIKERT5, QuestionKind.LIKERT7):
            labels = LIKERT_LABELS[5 if self.kind == QuestionKind.LIKERT5 else 7]
            pairs = [(str(n), labels[n - 1]) for n in range(1, len(labels) + 1)]
        elif self.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            pairs = [(str(i), label) for i, label in enumerate(bank.choices or [])]
        else:
            pairs = []
        return [
            {"id": f"{self.name}-{i}", "value": v, "label": label, "checked": v in self.selected}
            for i, (v, label) in enumerate(pairs)
        ]


def _as_strings(value) -> set[str]:
    if value in (None, ""):
        return set()
    if isinstance(value, list):
        return {str(v) for v in value}
    return {str(value)}


def answer_sheet(blocks, *, values: dict | None = None, errors: dict | None = None) -> list[dict]:
    """Sections of QuestionFields filled with ``values`` (a draft or the posted data) and errors."""
    values, errors = values or {}, errors or {}
    sheet, number = [], 0
    for block in blocks:
        fields = []
        for question in block.questions:
            number += 1
            item = QuestionField(question=question, number=number)
            raw = values.get(item.name)
            if item.is_text:
                item.text = "" if raw is None else str(raw)
            else:
                item.selected = _as_strings(raw)
            item.error = errors.get(item.name, "")
            fields.append(item)
        sheet.append({"section": block.section, "fields": fields})
    return sheet


def raw_from_post(post, questions) -> dict[str, object]:
    """The posted answers to ``questions`` keyed ``q<id>``: a list for multiple choice, a string
    otherwise."""
    raw = {}
    for question in questions:
        key = f"q{question.pk}"
        if question.bank_question.kind == QuestionKind.MULTIPLE:
            raw[key] = post.getlist(key)
        else:
            raw[key] = post.get(key, "")
    return raw


def errors_from(error) -> tuple[dict[str, str], list[str]]:
    """A SurveyError as (per-question messages, general messages)."""
    if hasattr(error, "error_dict"):
        return {key: " ".join(messages) for key, messages in error.message_dict.items()}, []
    return {}, list(error.messages)


# --- results filters -----------------------------------------------------------------------------


class GroupKeyField(forms.ChoiceField):
    """A filter whose rows (``widget.rows``, a tuple of ``(key, label)``) are built once per
    result and checked as a set: assigning 1,747 departments to ``choices`` normalised them twice
    on every view (3,536 ``normalize_choices`` calls a request)."""

    keys: frozenset = frozenset()

    def valid_value(self, value) -> bool:
        return str(value) in self.keys


class FilterRows(tuple):
    """One filter's ``(key, label)`` rows, with the set of their keys (``GroupKeyField.keys``)
    built once with them rather than on every view (1,747 departments). (Not named ``keys``:
    ``dict(rows)`` would take the rows for a mapping.)"""

    key_set: frozenset

    def __new__(cls, rows):
        made = super().__new__(cls, rows)
        made.key_set = frozenset(key for key, _label in made if key)
        return made


# The filter rows of the last few results, per process: (survey pk, result version, language) ->
# {filter: ((key, label), ...)}. A new version (answers, questions, thresholds) is a new key.
_filter_rows = ProcessMemory(limit=8)


def results_filter_rows_clear() -> None:
    """Forget the filter rows this process keeps (tests, where ids are reused)."""
    _filter_rows.clear()


def results_filter_rows(groups: dict | None, key: tuple | None = None) -> dict[str, FilterRows]:
    """``{"department": (("", "전체"), (key, label), ...), "grade": ..., "context_key": ...}``
    from a result's groups; kept per process under ``key`` (bounded) when one is given."""
    key = key and (*key, get_language())
    if key and (rows := _filter_rows.get(key)) is not None:
        return rows
    groups = groups or {}
    everyone = (("", _("전체")),)
    rows = {}
    for name in FILTER_DIMENSIONS:
        own = ((str(g["key"]), str(g["label"])) for g in groups.get(name, []) if g["key"] != "")
        rows[name] = FilterRows(everyone + tuple(own))
    if key:
        _filter_rows.put(key, rows)
    return rows


DEPARTMENT_MATCHES_SHOWN = 20  # departments listed when a name matches several


def department_matches(rows: tuple, name: str) -> list[tuple[str, str]]:
    """The ``(key, label)`` rows whose label holds ``name`` (spaces and case ignored); a label
    equal to it wins alone, so "기획팀" is found even when "전략기획팀" exists too."""
    wanted = "".join(name.split()).casefold()
    if not wanted:
        return []
    found = [(key, label) for key, label in rows if key and wanted in "".join(label.split()).casefold()]
    exact = [row for row in found if "".join(row[1].split()).casefold() == wanted]
    return exact if len(exact) == 1 else found


class ResultsFilterForm(forms.Form):
    """Department, grade, context (course session …), system and organisation filters; choices come
    from the result's own groups, so no query and no group that has no answers. The context filter
    is offered only when the result has context groups (a bound survey, or identified answers with
    a key); system and organisation only for an external survey, which has no department or grade.
    ``rows_key`` (the survey and its result's version) lets the rows be built once per result.

    A department is found by name (``department_name``, matched on the server against the
    result's departments, so it works without JavaScript), not picked from a list of all of them
    (1,747 options at agency scale): one match becomes the ``department`` filter (a hidden
    field, also what a link gives); none or several is an error on the name field, with the
    matches (``matches``) to choose from."""

    department = GroupKeyField(label=gettext_lazy("부서"), required=False, widget=forms.HiddenInput)
    department_name = forms.CharField(
        label=gettext_lazy("부서"),
        required=False,
        max_length=100,
        help_text=gettext_lazy("부서 이름(일부도 됩니다)을 적으세요."),
        widget=forms.TextInput(attrs={"type": "search"}),
    )
    grade = GroupKeyField(label=gettext_lazy("직급"), required=False, widget=LongSelect)
    context_key = GroupKeyField(label=gettext_lazy("과정·차수"), required=False, widget=LongSelect)
    system = GroupKeyField(label=gettext_lazy("정보체계"), required=False, widget=LongSelect)
    organisation = GroupKeyField(label=gettext_lazy("소속 기관"), required=False, widget=LongSelect)

    def __init__(self, data, *, groups: dict | None, rows_key: tuple | None = None):
        super().__init__(data)
        self.rows = rows = results_filter_rows(groups, rows_key)
        self.matches: list[tuple[str, str]] = []
        for name in FILTER_DIMENSIONS:
            field = self.fields[name]
            field.widget.rows = rows[name]
            field.keys = rows[name].key_set
        # A dimension the result does not have is not offered: a culture survey has no context,
        # systems or organisations; an external survey (systems) has no department or grade.
        for name in ("context_key", "system", "organisation"):
            if len(rows[name]) == 1:
                del self.fields[name]
        if groups and "system" in groups:
            del self.fields["department"], self.fields["department_name"], self.fields["grade"]

    def clean(self):
        data = super().clean()
        name = (data.get("department_name") or "").strip()
        if not name or "department" not in self.fields:
            return data
        matches = department_matches(self.rows["department"], name)
        if len(matches) == 1:
            data["department"] = matches[0][0]
        elif not matches:
            self.add_error("department_name", _("“%(name)s”: 이름이 맞는 부서가 없습니다.") % {"name": name})
        else:
            self.matches = matches[:DEPARTMENT_MATCHES_SHOWN]
            message = _(
                "“%(name)s”: 이름이 맞는 부서가 %(count)s곳입니다. 아래에서 고르거나 더 자세히 적으세요."
            )
            self.add_error("department_name", message % {"name": name, "count": len(matches)})
        return data

    def department_label(self) -> str:
        """The name of the department the filters are on ("" when none)."""
        key = self.cleaned_data.get("department") if self.is_valid() else ""
        return dict(self.rows["department"]).get(key, "") if key else ""

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {}
        return {name: self.cleaned_data[name] for name in FILTER_DIMENSIONS if self.cleaned_data.get(name)}


# --- an external survey's respondent list ---------------------------------------------------------


class RespondentUploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("응답자 명단 파일"),
        help_text=gettext_lazy(
            "CSV 또는 XLSX. 열: 이메일(필수), 정보체계, 소속기관. 한 행이라도 틀리면 아무것도 더하지 않고 "
            "행별 오류를 보여 줍니다."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


# --- improvement tasks ---------------------------------------------------------------------------


class ImprovementTaskForm(forms.ModelForm):
    owner = StaffChoiceField(
        label=gettext_lazy("담당자"),
        help_text=gettext_lazy("이름(또는 초성·사번)을 적고 목록에서 고르세요."),
    )

    class Meta:
        model = ImprovementTask
        fields = [
            "area",
            "title",
            "description",
            "department",
            "owner",
            "due_date",
            "status",
            "evidence",
            "result_note",
        ]
        widgets = {
            "due_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "department": LongSelect,
            "description": forms.Textarea(attrs={"rows": 3}),
            "result_note": forms.Textarea(attrs={"rows": 3}),
            "evidence": forms.FileInput,  # the stored file is private: no public URL to link to
        }
        help_texts = {
            "evidence": gettext_lazy("PDF, HWP, HWPX, DOCX, XLSX, PPTX, JPG, PNG · 10MB 이하"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(is_active=True).order_by(
            "sort_order", "name"
        )
        if self.instance.owner_id:
            self.initial["owner"] = self.instance.owner

    def clean_evidence(self):
        return evidence_check(self.cleaned_data.get("evidence"), current=self.instance.evidence)
