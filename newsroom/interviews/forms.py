"""Forms of the leader interviews. They check the input's shape; the rules are the services'."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ANSWER_MAX_LENGTH, QUESTION_MAX_LENGTH


class AskForm(forms.Form):
    leader = forms.ModelChoiceField(
        label=_("받는 리더"),
        queryset=None,
        empty_label=_("리더를 고르세요"),
        error_messages={
            "required": _("질문을 받을 리더를 골라 주세요."),
            "invalid_choice": _("목록에 있는 리더를 골라 주세요."),
        },
    )
    text = forms.CharField(
        label=_("질문"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("%(limit)s자 이내. 글자 그대로 보입니다(HTML은 적용되지 않습니다).")
        % {"limit": QUESTION_MAX_LENGTH},
        error_messages={
            "required": _("질문 내용을 적어 주세요."),
            "max_length": _("질문은 %(limit_value)d자 이내로 적어 주세요. (지금 %(show_value)d자)"),
        },
    )
    identity = forms.ChoiceField(
        label=_("보내는 방식"),
        choices=[
            ("anonymous", _("익명으로 보내기 (보낸 사람, 시각, 접속 정보를 남기지 않습니다)")),
            ("named", _("이름을 밝히고 보내기 (답변이 실리면 알림을 받습니다)")),
        ],
        initial="anonymous",
        widget=forms.RadioSelect,
    )
    submission_key = forms.UUIDField(widget=forms.HiddenInput, initial=uuid.uuid4)

    def __init__(self, *args, leaders, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = leaders
        self.fields["leader"].label_from_instance = lambda s: (
            f"{s.name} ({s.position})" if s.position else s.name
        )


class DecideForm(forms.Form):
    action = forms.ChoiceField(
        choices=[("select", _("선정")), ("decline", _("반려")), ("merge", _("병합"))],
        error_messages={
            "required": _("처리 방법을 골라 주세요."),
            "invalid_choice": _("처리 방법을 골라 주세요."),
        },
    )
    reason = forms.CharField(label=_("반려 사유"), required=False, max_length=300)
    into = forms.UUIDField(
        label=_("남길 질문"), required=False, error_messages={"invalid": _("남길 질문을 골라 주세요.")}
    )

    def clean(self):
        data = super().clean()
        if data.get("action") == "merge" and not data.get("into"):
            self.add_error("into", _("병합할 때는 남길 질문을 골라 주세요."))
        return data


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("답변"),
        max_length=ANSWER_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 10}),
        error_messages={
            "required": _("답변 내용을 적어 주세요."),
            "max_length": _("답변은 %(limit_value)d자 이내로 적어 주세요. (지금 %(show_value)d자)"),
        },
    )


class PublishForm(forms.Form):
    title = forms.CharField(
        label=_("회차 제목"), max_length=255, error_messages={"required": _("회차 제목을 적어 주세요.")}
    )
    intro = forms.CharField(
        label=_("소개글"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
    questions = forms.MultipleChoiceField(
        label=_("실을 답변"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": _("회차에 실을 답변을 하나 이상 골라 주세요."),
            "invalid_choice": _("답변을 마쳤고 아직 회차에 실리지 않은 질문만 고를 수 있습니다."),
        },
    )

    def __init__(self, *args, answered=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questions"].choices = [(str(q.pk), f"[{q.leader.name}] {q.text[:80]}") for q in answered]
