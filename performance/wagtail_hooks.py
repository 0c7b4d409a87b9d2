"""Admin screens of the performance programme, for planners: plans, programmes (with their KPIs
and milestones inline), staff proposals and contests (with criteria and judges inline).

Only the "planner" group (and superusers) holds the model permissions (migration 0004), so only
they see the menu. The admin forms refuse what the services refuse, in Korean, field by field:
a milestone due outside the plan year, a non-positive weight, milestone weights (% of the
programme) that do not add up to 100, a KPI target equal to its baseline,
contest criteria weights that do not add up to 100, any change to a closed plan. Progress facts
(milestones done, KPI actuals), status overrides and proposal decisions are not edited here:
they go through the pages and services, which keep their history.
"""

from django.contrib import messages
from django.db.models import ProtectedError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, InlinePanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import DeleteView, SnippetViewSet, SnippetViewSetGroup

from intranet.korean import fill, format_korean_date
from intranet.widgets import LongSelect

from .models import Contest, Plan, Programme, Proposal
from .services import milestone_weights_problem


class SafeDeleteView(DeleteView):
    """A record other records still point to (PROTECT) is refused with a Korean message."""

    def refuse(self):
        messages.error(
            self.request,
            fill(
                _("'%(object)s'은(는) 다른 자료(실적 이력, 과제, 점수 등)가 쓰고 있어 삭제할 수 없습니다."),
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


def _live_forms(formset):
    """The inline forms that will be saved (filled in, not marked for deletion), validated."""
    live = []
    for form in formset.forms:
        if not form.is_valid() or (not form.has_changed() and not form.instance.pk):
            continue
        if form.cleaned_data.get("DELETE"):
            continue
        live.append(form)
    return live


class PlanAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and self.instance.is_closed and cleaned.get("is_closed", True):
            raise self.error_closed(self.instance)
        return cleaned

    @staticmethod
    def error_closed(plan):
        from django.core.exceptions import ValidationError

        return ValidationError(
            _("%(year)s년 계획은 마감되어 바꿀 수 없습니다. 먼저 마감을 해제하세요.") % {"year": plan.year}
        )


class ProgrammeAdminForm(WagtailAdminModelForm):
    def clean(self):
        cleaned = super().clean()
        plan = cleaned.get("plan")
        if plan is not None and plan.is_closed:
            self.add_error("plan", _("%(year)s년 계획은 마감되어 바꿀 수 없습니다.") % {"year": plan.year})
        milestones = _live_forms(self.formsets["milestones"]) if "milestones" in self.formsets else []
        kpis = _live_forms(self.formsets["kpis"]) if "kpis" in self.formsets else []
        for form in milestones:
            due, weight = form.cleaned_data.get("due_date"), form.cleaned_data.get("weight")
            if plan is not None and due and due.year != plan.year:
                form.add_error(
                    "due_date",
                    fill(
                        _("완료 예정일 %(date)s이(가) %(year)s년 밖입니다."),
                        {"date": format_korean_date(due), "year": plan.year},
                    ),
                )
            if weight is not None and weight <= 0:
                form.add_error(
                    "weight", _("가중치는 0보다 커야 합니다 (받은 값: %(weight)s).") % {"weight": weight}
                )
        weights = [form.cleaned_data.get("weight") for form in milestones]
        if all(w is not None and w > 0 for w in weights):
            problem = milestone_weights_problem(weights)
            if problem:
                self.add_error(None, problem)
        for form in kpis:
            baseline, target = form.cleaned_data.get("baseline"), form.cleaned_data.get("target")
            if baseline is not None and target is not None and baseline == target:
                form.add_error(
                    "target",
                    _("목표값이 기준값(%(baseline)s)과 같습니다. 목표를 기준과 다르게 적어 주세요.")
                    % {"baseline": baseline},
                )
        mode = cleaned.get("progress_mode")
        if mode == Programme.ProgressMode.MILESTONES and not milestones:
            self.add_error(
                None, _("추진 일정으로 진척률을 산정하는 과제에는 추진 일정이 하나 이상 있어야 합니다.")
            )
        if mode == Programme.ProgressMode.KPI and not kpis:
            self.add_error(
                None, _("성과지표로 진척률을 산정하는 과제에는 성과지표가 하나 이상 있어야 합니다.")
            )
        if cleaned.get("origin") == Programme.Origin.PROPOSAL and not cleaned.get("proposal"):
            self.add_error("proposal", _("직원 제안 과제에는 근거가 된 제안을 연결해 주세요."))
        proposal = cleaned.get("proposal")
        if proposal is not None and proposal.status != Proposal.State.ACCEPTED:
            self.add_error("proposal", _("채택된 제안만 과제로 만들 수 있습니다."))
        return cleaned


class ContestAdminForm(WagtailAdminModelForm):
    def clean(self):
        from decimal import Decimal

        cleaned = super().clean()
        if self.instance.pk and Contest.objects.filter(pk=self.instance.pk, is_decided=True).exists():
            self.add_error(None, _("시상이 확정된 대회는 바꿀 수 없습니다."))
        criteria = _live_forms(self.formsets["criteria"]) if "criteria" in self.formsets else []
        weights = [f.cleaned_data.get("weight") for f in criteria]
        if not criteria:
            self.add_error(None, _("평가 항목을 하나 이상 정해 주세요."))
        elif any(w is None or w <= 0 for w in weights):
            self.add_error(None, _("평가 항목의 가중치는 0보다 커야 합니다."))
        elif sum(weights, Decimal(0)) != 100:
            total = format(sum(weights, Decimal(0)).normalize(), "f")
            self.add_error(
                None, _("평가 항목 가중치의 합이 100이어야 합니다 (지금 합계: %(total)s).") % {"total": total}
            )
        judges = _live_forms(self.formsets["judges"]) if "judges" in self.formsets else []
        staff = [f.cleaned_data.get("staff") for f in judges]
        if len({s.pk for s in staff if s}) != len(staff):
            self.add_error(None, _("같은 심사위원을 두 번 넣었습니다."))
        return cleaned


class PerformanceViewSet(SnippetViewSet):
    copy_view_enabled = False
    search_backend_name = None  # plain ORM search: these models are not in Wagtail's index
    delete_view_class = SafeDeleteView
    form_class = None
    panels_list: list = []

    def get_edit_handler(self):
        panels = ObjectList(self.panels_list, base_form_class=self.form_class)
        return panels.bind_to_model(self.model)


class PlanViewSet(PerformanceViewSet):
    model = Plan
    icon = "date"
    form_class = PlanAdminForm
    list_display = ["year", "title", "is_closed", "at_risk_margin"]
    list_filter = ["is_closed"]
    search_fields = ["title"]
    panels_list = [
        FieldPanel("year"),
        FieldPanel("title"),
        FieldPanel("at_risk_margin"),
        FieldPanel("is_closed"),
    ]


class ProgrammeViewSet(PerformanceViewSet):
    model = Programme
    icon = "tasks"
    form_class = ProgrammeAdminForm
    list_display = ["code", "title", "plan", "origin", "department", "owner"]
    list_filter = ["plan", "origin", "progress_mode"]
    search_fields = ["code", "title"]
    list_per_page = 50
    panels_list = [
        FieldPanel("plan"),
        FieldPanel("code"),
        FieldPanel("title"),
        FieldPanel("origin"),
        FieldPanel("previous_programme"),
        FieldPanel("proposal"),
        FieldPanel("evaluation_item"),
        FieldPanel("department", widget=LongSelect),
        FieldPanel("owner", widget=LongSelect),
        FieldPanel("co_owners"),
        FieldPanel("description"),
        FieldPanel("weight"),
        FieldPanel("progress_mode"),
        InlinePanel(
            "kpis",
            panels=[FieldPanel("name"), FieldPanel("unit"), FieldPanel("baseline"), FieldPanel("target")],
            heading=gettext_lazy("성과지표"),
            label=gettext_lazy("성과지표"),
        ),
        InlinePanel(
            "milestones",
            panels=[FieldPanel("title"), FieldPanel("due_date"), FieldPanel("weight")],
            heading=gettext_lazy("추진 일정 (가중치 합계 100)"),
            label=gettext_lazy("추진 일정"),
        ),
    ]

    def get_queryset(self, request):
        return Programme.objects.select_related("plan", "department", "owner")


class ProposalViewSet(PerformanceViewSet):
    """Planners correct a proposal's wording; decisions go through the review page."""

    model = Proposal
    icon = "help"
    list_display = ["title", "proposer", "status", "submitted_at"]
    list_filter = ["status"]
    search_fields = ["title", "body"]
    panels_list = [FieldPanel("title"), FieldPanel("body")]

    def get_queryset(self, request):
        return Proposal.objects.select_related("proposer")


class ContestViewSet(PerformanceViewSet):
    model = Contest
    icon = "pick"
    form_class = ContestAdminForm
    list_display = ["title", "plan", "entries_close_on", "is_decided"]
    panels_list = [
        FieldPanel("plan"),
        FieldPanel("title"),
        FieldPanel("entries_close_on"),
        InlinePanel(
            "criteria",
            panels=[FieldPanel("name"), FieldPanel("weight")],
            heading=gettext_lazy("평가 항목 (가중치 합계 100)"),
            label=gettext_lazy("평가 항목"),
            min_num=1,
        ),
        InlinePanel(
            "judges",
            panels=[FieldPanel("staff", widget=LongSelect)],
            heading=gettext_lazy("심사위원"),
            label=gettext_lazy("심사위원"),
        ),
    ]


class PerformanceViewSetGroup(SnippetViewSetGroup):
    items = (PlanViewSet, ProgrammeViewSet, ProposalViewSet, ContestViewSet)
    menu_icon = "tasks"
    menu_label = gettext_lazy("성과업무")
    menu_name = "performance"
    add_to_admin_menu = True


register_snippet(PerformanceViewSetGroup)
