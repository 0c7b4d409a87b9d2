"""The performance pages: the plan at a glance, a programme, and the progress update form.

Progress and status are computed by ``progress.py`` through the selectors; every write goes
through ``services.progress_update_post``, whose Korean refusals are shown as they are.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject, cached_property
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from intranet.directory.cache import directory_generation
from intranet.directory.models import Department
from intranet.directory.selectors import staff_for_user
from intranet.registry import record_sections

from . import page_selectors, selectors, services
from .charts import burnup_chart, department_progress_chart
from .filters import ProgrammeFilter
from .forms import ProgressUpdateForm, StatusOverrideForm
from .models import Programme
from .tables import DepartmentFigureTable, ProgrammeTable
from .years import plan_choose

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _filtered_rows(request, page):
    """The filter over the plan page's kept rows and the rows it keeps, in Python (no query)."""
    programme_filter = ProgrammeFilter(request.GET or None, departments=page.departments, owners=page.owners)
    # A new list: django-tables2 sorts the list it is given in place, and the kept rows are shared.
    return programme_filter, list(programme_filter.keep(page.overview.rows))


class _Listing:
    """The filter, its rows and the programme table, built when the page's fragment is not kept
    (a kept fragment needs none of them)."""

    def __init__(self, request, page):
        self.request, self.page = request, page

    @cached_property
    def found(self):
        return _filtered_rows(self.request, self.page)

    @property
    def filter(self):
        return self.found[0]

    @property
    def shown(self) -> int:
        return len(self.found[1])

    @cached_property
    def table(self):
        table = ProgrammeTable(self.found[1])
        RequestConfig(self.request, paginate={"per_page": 25}).configure(table)
        return table


def overview(request, department=None):
    """The plan of ``?year=`` (default: the latest year with programmes), or one department's."""
    plan, year_choice = plan_choose(request)
    if plan is None:
        status = 404 if year_choice.years and not year_choice.is_default else 200
        context = {"plan": None, "year_choice": year_choice, "department": department}
        return render(request, "performance/overview.html", context, status=status)
    page = selectors.plan_page(plan=plan, department=department)
    overview = page.overview
    me = staff_for_user(request.user)
    mine = me is not None and me.department_id in page.department_ids
    my_department = me.department if mine and department is None else None
    query = _without_year(request)

    def departments_build():
        table = DepartmentFigureTable(list(overview.by_department), year=plan.year)
        RequestConfig(request).configure(table)
        return table

    departments = SimpleLazyObject(departments_build)
    # Below the glance, the page is kept as one rendered fragment under everything it is
    # computed from: the plan's roll-up version (any change to a programme, milestone, KPI or
    # update, or the plan), the day, the department, the directory's generation (a renamed
    # person or department), the language, the query string (the filter, and each table's page
    # and order, which its links carry) and the reader's department link; the filter, the
    # tables and the charts are built only when it is not kept.
    body_key = ":".join(
        str(part)
        for part in (
            plan.pk,
            plan.rollup_version,
            overview.as_of,
            getattr(department, "pk", 0),
            directory_generation(),
            get_language(),
            getattr(my_department, "pk", 0),
            query,
        )
    )
    context = {
        "department": department,
        "is_planner": services.is_planner(me),
        "my_department": my_department,
        "plan": plan,
        "year_choice": year_choice,
        "overview": overview,
        "listing": _Listing(request, page),
        "query": query,
        "body_key": body_key,
        "departments": departments,
        # Called by the template, so only when the fragment is not kept.
        "department_chart": lambda: department_progress_chart(
            [row.record for row in departments.paginated_rows]
        ),
        "burnup": page_selectors.plan_burnup(overview),
        "burnup_chart": lambda: burnup_chart(page_selectors.plan_burnup(overview)),
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
    _filter, rows = _filtered_rows(request, selectors.plan_page(plan=plan))
    table = ProgrammeTable(rows)
    RequestConfig(request, paginate=False).configure(table)  # the same order as the page
    response = HttpResponse(programmes_workbook(plan=plan, rows=list(table.data)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="performance-{plan.year}.xlsx"'
    return response


def programme_page(request, pk):
    try:
        detail = selectors.programme_detail_kept(programme_id=pk)
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
