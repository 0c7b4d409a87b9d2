"""Admin screen for leaders: their questions, and the answer to a selected one.

The form writes through ``services.question_answer``, so the admin keeps the same rules as the
front-end form (only the leader the question was sent to, only selected questions, not after
publication). A leader sees only the questions sent to them; editors see all.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from intranet.directory.selectors import staff_for_user

from . import services
from .models import Question


class AnswerAdminForm(WagtailAdminModelForm):
    def clean(self):
        data = super().clean()
        me = staff_for_user(self.for_user)
        question = self.instance
        if me is None or question.leader_id != me.pk or not services.is_leader(me):
            raise ValidationError(_("질문을 받은 리더만 답변할 수 있습니다."))
        if question.episode_id is not None:
            raise ValidationError(_("이미 회차에 실린 답변은 고칠 수 없습니다."))
        if question.status not in (Question.Status.SELECTED, Question.Status.ANSWERED):
            raise ValidationError(_("선정된 질문에만 답변할 수 있습니다. 먼저 검토 목록에서 선정해 주세요."))
        return data

    def save(self, commit=True):
        me = staff_for_user(self.for_user)
        try:
            return services.question_answer(
                question_id=self.instance.pk, by=me, answer=self.cleaned_data.get("answer", "")
            )
        except services.InterviewError as error:
            # Raised inside the edit view's form_valid: turn it into a form error there.
            raise ValidationError(error.messages) from None


class QuestionIndexView(IndexView):
    def get_base_queryset(self):
        queryset = super().get_base_queryset().select_related("leader", "asker")
        me = staff_for_user(self.request.user)
        if self.request.user.is_superuser or services.is_editor(me):
            return queryset
        return queryset.filter(leader=me) if me else queryset.none()


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("인터뷰 질문")
    add_to_admin_menu = True
    index_view_class = QuestionIndexView
    list_display = ["text", "leader", "asker_label", "status", "asked_on", "episode"]
    list_filter = ["status"]
    search_fields = ["text"]
    search_backend_name = None
    copy_view_enabled = False
    ordering = ["-asked_on"]

    def get_edit_handler(self):
        return ObjectList([FieldPanel("answer")], base_form_class=AnswerAdminForm).bind_to_model(self.model)


register_snippet(QuestionViewSet)
