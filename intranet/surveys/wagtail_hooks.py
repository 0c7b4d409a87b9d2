"""Admin screens of the survey engine: areas, the question bank, surveys with their sections and
questions, improvement tasks; "배포" (launch) and "마감" (close) on a survey.

Only the "survey admin" group (and superusers) holds the model permissions, so only they see the
menu. Writes that have rules go through the services: launching freezes the audience, and a
question that has answers is archived instead of deleted.
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.admin.widgets.button import Button
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, IndexView, SnippetViewSet, SnippetViewSetGroup

from intranet.directory.imports import import_report_lines
from intranet.directory.selectors import staff_for_user
from intranet.korean import fill
from intranet.uploads import evidence_check

from . import respondents, services
from .forms import ImprovementTaskForm, RespondentUploadForm
from .models import Area, BankQuestion, ImprovementTask, Section, Survey, SurveyQuestion


class SafeDeleteView(DeleteView):
    """A record still used elsewhere (PROTECT) is refused with a Korean message, not an error page."""

    def refuse(self):
        messages.error(
            self.request,
            fill(
                _("'%(object)s'은(는) 다른 자료가 쓰고 있어 삭제할 수 없습니다. 대신 보관 처리해 주세요."),
                {"object": self.object},
            ),
        )
        return HttpResponseRedirect(reverse(self.index_url_name))

    def form_valid(self, form):
        if self.usage and self.usage.is_protected:
            return self.refuse()
        try:
            return super().form_valid(form)
        except ProtectedError:
            return self.refuse()


class SurveyAdminViewSet(SnippetViewSet):
    copy_view_enabled = False
    search_backend_name = None  # plain ORM search: these models are not in Wagtail's index
    delete_view_class = SafeDeleteView

    base_form_class = None

    def get_edit_handler(self):
        # SnippetViewSet builds its form from panels; ``form_fields`` alone would be ignored.
        panels = ObjectList(
            [FieldPanel(name) for name in self.form_fields], base_form_class=self.base_form_class
        )
        return panels.bind_to_model(self.model)


class AreaViewSet(SurveyAdminViewSet):
    model = Area
    icon = "tag"
    list_display = ["name", "code", "order"]
    search_fields = ["name", "code"]
    form_fields = ["code", "name", "order"]


class BankQuestionViewSet(SurveyAdminViewSet):
    model = BankQuestion
    icon = "help"
    list_display = ["code", "text", "kind", "area", "continues", "method_changed", "is_archived"]
    list_filter = ["kind", "area", "method_changed", "is_archived"]
    search_fields = ["code", "text"]
    list_per_page = 50
    form_fields = ["code", "text", "kind", "area", "choices", "continues", "method_changed", "is_archived"]

    def get_queryset(self, request):
        return BankQuestion.objects.select_related("area", "continues")


# --- surveys: launch and close ------------------------------------------------------------------


QUESTIONS_LIST_URL_NAME = "wagtailsnippets_surveys_surveyquestion:list"


class SurveyIndexView(IndexView):
    launch_url_name = None
    close_url_name = None
    respondents_url_name = None

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        can_change = self.permission_policy.user_has_permission(self.request.user, "change")
        if can_change and instance.status == Survey.Status.DRAFT:
            buttons.append(
                Button(
                    _("배포"),
                    url=reverse(self.launch_url_name, args=[instance.pk]),
                    icon_name="upload",
                    priority=5,
                    attrs={"data-testid": "survey-launch"},
                )
            )
        if can_change and instance.status == Survey.Status.OPEN:
            buttons.append(
                Button(
                    _("마감"),
                    url=reverse(self.close_url_name, args=[instance.pk]),
                    icon_name="lock",
                    priority=5,
                )
            )
        buttons.append(
            Button(
                _("구역·문항"),
                url=reverse(QUESTIONS_LIST_URL_NAME) + f"?survey={instance.pk}",
                icon_name="list-ul",
                priority=15,
            )
        )
        if can_change and instance.audience_external:
            buttons.append(
                Button(
                    _("응답자 명단"),
                    url=reverse(self.respondents_url_name, args=[instance.pk]),
                    icon_name="group",
                    priority=14,
                    attrs={"data-testid": "survey-respondents"},
                )
            )
        if instance.status != Survey.Status.DRAFT:
            buttons.append(
                Button(
                    _("결과"),
                    url=reverse("surveys:results", args=[instance.pk]),
                    icon_name="view",
                    priority=16,
                )
            )
        return buttons


class SurveyDeleteView(SafeDeleteView):
    def form_valid(self, form):
        if self.object.status != Survey.Status.DRAFT:
            messages.error(self.request, _("배포한 설문은 삭제할 수 없습니다. 응답과 결과가 남아야 합니다."))
            return HttpResponseRedirect(reverse(self.index_url_name))
        return super().form_valid(form)


class SurveyViewSet(SurveyAdminViewSet):
    model = Survey
    icon = "form"
    index_view_class = SurveyIndexView
    delete_view_class = SurveyDeleteView
    list_display = ["title", "year", "mode", "status", "opens_at", "closes_at"]
    list_filter = ["status", "mode", "year"]
    search_fields = ["title"]
    form_fields = [
        "title",
        "year",
        "description",
        "mode",
        "opens_at",
        "closes_at",
        "audience_all",
        "audience_departments",
        "audience_external",
        "previous",
        "context_key",
        "min_group_size",
        "min_text_group_size",
    ]

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(
            launch_url_name=self.get_url_name("launch"),
            close_url_name=self.get_url_name("close"),
            respondents_url_name=self.get_url_name("respondents"),
            **kwargs,
        )

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("launch/<int:pk>/", self.launch_view, name="launch"),
            path("close/<int:pk>/", self.close_view, name="close"),
            path("respondents/<int:pk>/", self.respondents_view, name="respondents"),
            path("respondents/<int:pk>/send/", self.respondents_send_view, name="respondents_send"),
        ]

    # --- an external survey's respondent list, invitations and reminders ---

    def _external_survey(self, request, pk) -> Survey:
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        return get_object_or_404(Survey, pk=pk, audience_external=True)

    def respondents_view(self, request, pk):
        """The list's summary, its uploads with their row reports, the mail rounds with their
        progress; POST uploads a list (a big one is parsed in the worker)."""
        survey = self._external_survey(request, pk)
        here = reverse(self.get_url_name("respondents"), args=[survey.pk])
        form = RespondentUploadForm(request.POST or None, request.FILES or None)
        if request.method == "POST" and form.is_valid():
            try:
                respondents.respondent_list_check(survey)
            except services.SurveyError as error:
                messages.error(request, " ".join(error.messages))
                return redirect(here)
            run = respondents.respondent_upload_start(
                survey=survey, upload=form.cleaned_data["file"], uploaded_by=staff_for_user(request.user)
            )
            run = respondents.respondent_upload_dispatch(run=run)
            if run.status == run.Status.DONE:
                messages.success(
                    request, _("명단에서 %(n)s명을 더했습니다.") % {"n": f"{run.created_count:,}"}
                )
            elif run.status in (run.Status.REJECTED, run.Status.FAILED):
                messages.error(request, _("명단을 올리지 못했습니다. 아래 오류 보고를 확인해 주세요."))
            else:
                messages.success(
                    request, _("명단이 커서 백그라운드에서 확인합니다. 진행 상황은 이 화면에 보입니다.")
                )
            return redirect(here)
        uploads = list(survey.respondent_uploads.all()[:5])
        context = {
            "header_title": _("응답자 명단"),
            "page_title": _("응답자 명단"),
            "page_subtitle": survey.title,
            "header_icon": "group",
            "survey": survey,
            "form": form,
            "counts": respondents.respondent_counts(survey=survey),
            "uploads": [(u, import_report_lines(issues=u.errors)) for u in uploads],
            "runs": list(survey.invitation_runs.all()),
            "next_round": respondents.invitation_next_round(survey=survey),
            "send_url": reverse(self.get_url_name("respondents_send"), args=[survey.pk]),
            "here": here,
            "index_url": reverse(self.get_url_name("list")),
        }
        return TemplateResponse(request, "surveys/admin/respondents.html", context)

    def respondents_send_view(self, request, pk):
        """POST: queue the next round (the invitation, then reminders) for the worker."""
        survey = self._external_survey(request, pk)
        here = reverse(self.get_url_name("respondents"), args=[survey.pk])
        if request.method != "POST":
            return redirect(here)
        round_number = respondents.invitation_next_round(survey=survey)
        try:
            run = respondents.invitation_run_start(
                survey=survey, round_number=round_number, created_by=staff_for_user(request.user)
            )
        except services.SurveyError as error:
            messages.error(request, " ".join(error.messages))
        else:
            label = _("초대") if round_number == 0 else _("%(n)s차 독려") % {"n": round_number}
            messages.success(
                request,
                _("%(label)s 메일 %(count)s통을 발송 대기열에 넣었습니다. 진행 상황은 이 화면에 보입니다.")
                % {"label": label, "count": f"{run.total:,}"},
            )
        return redirect(here)

    def _confirm(self, request, pk, *, action: str):
        if not self.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        survey = get_object_or_404(Survey, pk=pk)
        index_url = reverse(self.get_url_name("list"))
        if request.method == "POST":
            return None, survey, index_url
        title = _("설문 배포") if action == "launch" else _("설문 마감")
        context = {
            "header_title": title,
            "page_title": title,
            "page_subtitle": survey.title,
            "header_icon": "form",
            "survey": survey,
            "action": action,
            "index_url": index_url,
            "audience_departments": list(survey.audience_departments.values_list("name", flat=True)),
            "question_count": survey.questions.filter(is_archived=False).count(),
        }
        return TemplateResponse(request, "surveys/admin/confirm.html", context), survey, index_url

    def launch_view(self, request, pk):
        page, survey, index_url = self._confirm(request, pk, action="launch")
        if page is not None:
            return page
        try:
            count = services.survey_launch(survey=survey)
        except services.SurveyError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("'%(title)s' 설문을 배포했습니다. 대상자 %(count)s명에게 열렸습니다.")
                % {"title": survey.title, "count": f"{count:,}"},
            )
        return redirect(index_url)

    def close_view(self, request, pk):
        page, survey, index_url = self._confirm(request, pk, action="close")
        if page is not None:
            return page
        if survey.status != Survey.Status.OPEN:
            messages.error(request, _("진행 중인 설문만 마감할 수 있습니다."))
        else:
            try:
                services.survey_close(survey=survey)
            except services.SurveyError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(
                    request,
                    _("'%(title)s' 설문을 마감했습니다. 결과를 계산합니다.") % {"title": survey.title},
                )
        return redirect(index_url)


# --- sections and questions -----------------------------------------------------------------------


class SectionViewSet(SurveyAdminViewSet):
    model = Section
    icon = "folder-open-inverse"
    list_display = ["title", "survey", "order"]
    list_filter = ["survey"]
    search_fields = ["title"]
    form_fields = ["survey", "title", "order"]

    def get_queryset(self, request):
        return Section.objects.select_related("survey")


class QuestionDeleteView(DeleteView):
    """A question that has answers is archived (services.question_remove), never deleted."""

    success_message = None

    def delete_action(self):
        self.outcome = services.question_remove(question=self.object)

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.outcome == "archived":
            messages.warning(
                self.request,
                _("'%(question)s' 문항은 이미 응답이 있어 삭제하지 않고 보관했습니다. 결과에서는 빠집니다.")
                % {"question": self.object},
            )
        else:
            messages.success(
                self.request, _("'%(question)s' 문항을 삭제했습니다.") % {"question": self.object}
            )
        return response


class QuestionViewSet(SurveyAdminViewSet):
    model = SurveyQuestion
    icon = "list-ol"
    delete_view_class = QuestionDeleteView
    list_display = ["bank_question", "survey", "section", "order", "required", "is_archived"]
    list_filter = ["survey", "is_archived", "required"]
    search_fields = ["bank_question__text", "bank_question__code"]
    list_per_page = 50
    form_fields = ["survey", "section", "bank_question", "order", "required"]

    def get_queryset(self, request):
        return SurveyQuestion.objects.select_related("survey", "section", "bank_question")


class ImprovementTaskAdminForm(WagtailAdminModelForm):
    """The admin form keeps the same limit on evidence files as the follow-up page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "evidence" in self.fields:  # the stored file is private: no public URL to link to
            self.fields["evidence"].widget = forms.FileInput()

    def clean_evidence(self):
        return evidence_check(self.cleaned_data.get("evidence"), current=self.instance.evidence)


class ImprovementTaskViewSet(SurveyAdminViewSet):
    model = ImprovementTask
    icon = "tasks"
    list_display = ["title", "survey", "area", "department", "owner", "due_date", "status", "published_at"]
    list_filter = ["status", "survey", "area"]
    search_fields = ["title"]
    form_fields = ["survey", *ImprovementTaskForm.Meta.fields]
    base_form_class = ImprovementTaskAdminForm

    def get_queryset(self, request):
        return ImprovementTask.objects.select_related("survey", "area", "department", "owner")


class SurveyViewSetGroup(SnippetViewSetGroup):
    items = (
        SurveyViewSet,
        SectionViewSet,
        QuestionViewSet,
        BankQuestionViewSet,
        AreaViewSet,
        ImprovementTaskViewSet,
    )
    menu_icon = "form"
    menu_label = gettext_lazy("설문")
    menu_name = "surveys"
    add_to_admin_menu = True


register_snippet(SurveyViewSetGroup)
