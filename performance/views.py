"""The performance pages: the plan at a glance, a programme, and the progress update form.

Progress and status are computed by ``progress.py`` through the selectors; every write goes
through ``services.progress_update_post``, whose Korean refusals are shown as they are.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from intranet.directory.models import Department
from intranet.directory.selectors import staff_for_user
from intranet.registry import record_sections

from . import page_selectors, selectors, services
from .charts import burnup_chart, department_progress_chart
from .filters import ProgrammeFilter
from .forms import ProgressUpdateForm, StatusOverrideForm
from .models import Programme
from .tables import ProgrammeTable
from .years import plan_choose

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered(request, plan, department=None):
    """The plan overview (every row, or one department's) and the filter with the rows it keeps,
    in a fixed number of queries: the overview's three, plus one for the pks when origin,
    department or owner is set."""
    overview = selectors.plan_overview(plan=plan, department=department)
    programmes = Programme.objects.filter(plan=plan)
    if department is not None:
        programmes = programmes.filter(department=department)
    programme_filter = ProgrammeFilter(request.GET or None, queryset=programmes, rows=overview.rows)
    rows = overview.rows
    if programme_filter.uses_sql:
        kept = set(programme_filter.qs.values_list("pk", flat=True))
        rows = [r for r in rows if r.programme.pk in kept]
    if status := programme_filter.status_wanted:
        rows = [r for r in rows if r.status == status]
    return overview, programme_filter, rows


def overview(request, department=None):
    """The plan of ``?year=`` (default: the latest year with programmes), or one department's."""
    plan, year_choice = plan_choose(request)
    if plan is None:
        status = 404 if year_choice.years and not year_choice.is_default else 200
        context = {"plan": None, "year_choice": year_choice, "department": department}
        return render(request, "performance/overview.html", context, status=status)
    overview, programme_filter, rows = _filtered(request, plan, department)
    table = ProgrammeTable(rows)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    burnup = page_selectors.plan_burnup(overview)
    me = staff_for_user(request.user)
    mine = me is not None and any(f.department.pk == me.department_id for f in overview.by_department)
    context = {
        "department": department,
        "is_planner": services.is_planner(me),
        "my_department": me.department if mine and department is None else None,
        "plan": plan,
        "year_choice": year_choice,
        "overview": overview,
        "filter": programme_filter,
        "table": table,
        "shown": len(rows),
        "query": _without_year(request),
        # The rendered table (django-tables2 was two thirds of the page's CPU) is cached for five
        # minutes under the plan's roll-up version: any change to a programme, milestone, KPI or
        # update shows at once; a renamed person or department may take five minutes.
        "table_key": ":".join(
            str(part)
            for part in (
                plan.pk,
                plan.rollup_version,
                overview.as_of,
                getattr(department, "pk", 0),
                get_language(),
                _without_year(request),
            )
        ),
        "department_chart": department_progress_chart(overview.by_department),
        "burnup": burnup,
        "burnup_chart": burnup_chart(burnup),
    }
    return render(request, "performance/overview.html", context)


def _without_year(request) -> str:
    """The query string less ``year`` (the pages add the plan's year themselves)."""
    query = request.GET.copy()
    query.pop("year", None)
    return query.urlencode()


def department_overview(request, code):
    """The department head's view: the same page for one department's programmes."""
    return overview(request, department=get_object_or_404(Department, code=code))


def overview_xlsx(request):
    from .export import programmes_workbook

    plan, _choice = plan_choose(request)
    if plan is None:
        raise Http404(_("성과업무 계획이 아직 없습니다."))
    _overview, _filter, rows = _filtered(request, plan)
    table = ProgrammeTable(rows)
    RequestConfig(request, paginate=False).configure(table)  # the same order as the page
    response = HttpResponse(programmes_workbook(plan=plan, rows=list(table.data)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="performance-{plan.year}.xlsx"'
    return response


def programme_page(request, pk):
    try:
        detail = selectors.programme_detail(programme_id=pk)
    except Programme.DoesNotExist:
        raise Http404(_("그런 성과업무 과제가 없습니다.")) from None
    me = staff_for_user(request.user)
    is_planner = services.is_planner(me)
    context = {
        "programme": detail.programme,
        "detail": detail,
        "state": detail.state,
        "kpis": page_selectors.kpi_rows(detail),
        "timeline": page_selectors.milestone_timeline(detail),
        "history": page_selectors.update_history(detail),
        "evidence": page_selectors.evidence_files(detail),
        "can_update": page_selectors.may_update(detail, staff=me, is_planner=is_planner)
        and not detail.programme.plan.is_closed,
        "override_form": StatusOverrideForm(initial={"status": detail.programme.status_override})
        if is_planner
        else None,
        # Other modules' sections about this programme (the advice that points at it).
        "sections": record_sections.render_context(request, detail.programme),
    }
    return render(request, "performance/programme.html", context)


@require_POST
def programme_status(request, pk):
    """A planner sets or clears the status with a reason, through ``status_override_set``."""
    programme = get_object_or_404(Programme, pk=pk)
    me = staff_for_user(request.user)
    if not services.is_planner(me):
        raise PermissionDenied(_("과제 상태는 성과 기획자만 지정할 수 있습니다."))
    form = StatusOverrideForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(programme.get_absolute_url())
    try:
        services.status_override_set(
            programme=programme, by=me, status=form.cleaned_data["status"], reason=form.cleaned_data["reason"]
        )
    except services.PerformanceError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("과제 상태를 저장했습니다. 사유는 이력에 남습니다."))
    return redirect(programme.get_absolute_url())


def _refusal(request, programme, message, *, status):
    return render(
        request, "performance/refusal.html", {"programme": programme, "message": message}, status=status
    )


def programme_update(request, pk):
    programme = get_object_or_404(Programme.objects.select_related("plan"), pk=pk)
    me = staff_for_user(request.user)
    posted = request.method == "POST"
    if me is None or not services.can_update_programme(programme=programme, staff=me):
        return _refusal(
            request,
            programme,
            _("담당하는 과제만 실적을 등록할 수 있습니다. 담당자, 공동 담당자와 성과 기획자만 등록합니다."),
            status=403,
        )
    if programme.plan.is_closed:
        return _refusal(
            request,
            programme,
            _("%(year)s년 계획이 마감되어 실적을 등록할 수 없습니다.") % {"year": programme.plan.year},
            status=409 if posted else 200,
        )
    form = ProgressUpdateForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        milestones=programme.milestones.order_by("due_date", "pk"),
        kpis=programme.kpis.order_by("order", "pk"),
    )
    if posted and form.is_valid():
        try:
            services.progress_update_post(
                programme=programme,
                author=me,
                comment=form.cleaned_data["comment"],
                kpi_actuals=form.kpi_actuals(),
                milestones_done=[int(pk) for pk in form.cleaned_data["milestones_done"]],
                evidence=form.cleaned_data.get("evidence"),
            )
        except services.PerformanceError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("추진 실적을 등록했습니다."))
            return redirect(programme.get_absolute_url())
    if posted:
        messages.error(request, _("입력한 내용을 확인해 주세요. 표시된 항목에 오류가 있습니다."))
    return render(request, "performance/update_form.html", {"programme": programme, "form": form})
