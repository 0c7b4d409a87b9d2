"""The mid-year analysis meeting (상반기 성과분석): take the snapshot at the cut-off date, compare
it with today, record action items, export it; and the year-end rollover into next year's plan."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.directory.selectors import staff_for_user

from . import selectors, services
from .forms import ActionItemForm, ActionStatusForm, RolloverForm, SnapshotTakeForm
from .models import ActionItem, Snapshot, SnapshotRow
from .views import XLSX
from .views_proposals import _planner
from .years import plan_choose, year_query


def _plan_or_404(request):
    """The plan of ``?year=`` (default: the latest year with programmes), or a Korean 404."""
    plan, choice = plan_choose(request)
    if plan is None:
        if choice.years:
            raise Http404(_("%(year)s년 성과업무 계획이 없습니다.") % {"year": choice.year})
        raise Http404(_("성과업무 계획이 아직 없습니다."))
    return plan, choice


def snapshots(request):
    plan, choice = _plan_or_404(request)
    me = staff_for_user(request.user)
    context = {
        "plan": plan,
        "year_choice": choice,
        "snapshots": selectors.snapshots_of(plan=plan),
        "is_planner": services.is_planner(me),
    }
    return render(request, "performance/snapshots.html", context)


def snapshot_new(request):
    """A confirm page: the cut-off date and a check that the snapshot is frozen for good."""
    me = _planner(request)
    plan, _choice = _plan_or_404(request)
    default = min(dt.date(plan.year, 6, 30), max(timezone.localdate(), dt.date(plan.year, 1, 1)))
    form = SnapshotTakeForm(request.POST or None, initial={"cut_off": default})
    if request.method == "POST" and form.is_valid():
        try:
            snapshot = services.snapshot_take(plan=plan, by=me, cut_off=form.cleaned_data["cut_off"])
        except services.PerformanceError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            messages.success(request, _("스냅숏을 만들었습니다. 이 스냅숏은 고칠 수 없습니다."))
            return redirect("performance:meeting", pk=snapshot.pk)
    total = plan.programmes.count()
    return render(request, "performance/snapshot_new.html", {"plan": plan, "form": form, "total": total})


def meeting(request, pk):
    snapshot = get_object_or_404(Snapshot.objects.select_related("plan", "taken_by"), pk=pk)
    me = staff_for_user(request.user)
    is_planner = services.is_planner(me)
    comparisons = selectors.snapshot_compare(snapshot=snapshot)
    for c in comparisons:
        for item in c.row.action_items.all():
            may_change = is_planner or (me is not None and item.owner_id == me.pk)
            item.status_form = (
                ActionStatusForm(prefix=f"a{item.pk}", initial={"status": item.status})
                if may_change
                else None
            )
    context = {
        "snapshot": snapshot,
        "comparisons": comparisons,
        "is_planner": is_planner,
        "action_form": ActionItemForm(rows=[c.row for c in comparisons]) if is_planner else None,
    }
    return render(request, "performance/meeting.html", context)


@require_POST
def action_add(request, pk):
    me = _planner(request)
    snapshot = get_object_or_404(Snapshot, pk=pk)
    rows = list(SnapshotRow.objects.filter(snapshot=snapshot).select_related("programme", "snapshot"))
    form = ActionItemForm(request.POST, rows=rows)
    if form.is_valid():
        row = next(r for r in rows if r.pk == form.cleaned_data["row"])
        try:
            services.action_item_add(
                row=row,
                by=me,
                title=form.cleaned_data["title"],
                owner=form.cleaned_data["owner_number"],
                due_date=form.cleaned_data["due_date"],
            )
        except services.PerformanceError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("조치 사항을 기록했습니다."))
    else:
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
    return redirect("performance:meeting", pk=snapshot.pk)


@require_POST
def action_status(request, pk):
    item = get_object_or_404(ActionItem.objects.select_related("snapshot_row"), pk=pk)
    me = staff_for_user(request.user)
    if me is None or (item.owner_id != me.pk and not services.is_planner(me)):
        raise PermissionDenied(_("조치 사항의 담당자나 성과 기획자만 상태를 바꿀 수 있습니다."))
    form = ActionStatusForm(request.POST, prefix=f"a{pk}")
    if form.is_valid():
        services.action_item_status_set(item=item, by=me, status=form.cleaned_data["status"])
        messages.success(request, _("조치 사항 상태를 바꿨습니다."))
    else:
        messages.error(
            request,
            _("알 수 없는 상태입니다: %(status)s") % {"status": request.POST.get(f"a{pk}-status", "")},
        )
    return redirect("performance:meeting", pk=item.snapshot_row.snapshot_id)


def _snapshot_export(pk) -> dict:
    """What both exports hold: the meeting page's comparison with today and its action items."""
    snapshot = get_object_or_404(Snapshot.objects.select_related("plan"), pk=pk)
    return {
        "snapshot": snapshot,
        "comparisons": selectors.snapshot_compare(snapshot=snapshot),
        "as_of": selectors.plan_as_of(snapshot.plan),
    }


def snapshot_xlsx(request, pk):
    # The export modules bring openpyxl (and numpy through it): loaded by the download only.
    from .export import snapshot_workbook

    data = _snapshot_export(pk)
    snapshot = data["snapshot"]
    response = HttpResponse(snapshot_workbook(**data), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="snapshot-{snapshot.cut_off:%Y%m%d}.xlsx"'
    return response


def snapshot_pdf(request, pk):
    from .export import snapshot_pdf as build_snapshot_pdf

    data = _snapshot_export(pk)
    snapshot = data["snapshot"]
    response = HttpResponse(build_snapshot_pdf(**data), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="snapshot-{snapshot.cut_off:%Y%m%d}.pdf"'
    return response


def rollover(request):
    """The planner reviews this plan's unfinished programmes and copies the confirmed ones into
    next year's plan, each linked to last year's (a second submit copies nothing twice)."""
    me = _planner(request)
    plan, choice = _plan_or_404(request)
    candidates = services.rollover_candidates(plan=plan)
    form = RolloverForm(
        request.POST or None,
        candidates=candidates,
        next_year=plan.year + 1,
        initial={"programmes": [str(p.pk) for p in candidates]},
    )
    if request.method == "POST":
        # The posted ids go to the service as they are: one copied by a first submit is skipped
        # there (a double submit copies nothing twice), an unknown one is refused in Korean.
        confirmed = [int(pk) for pk in request.POST.getlist("programmes") if pk.isdigit()]
        try:
            with transaction.atomic():
                copies = services.plan_rollover(
                    source=plan, target=services.next_plan_for(plan), by=me, confirmed=confirmed
                )
        except services.PerformanceError as error:
            form.add_error(None, " ".join(error.messages))
        else:
            if copies:
                messages.success(
                    request,
                    _("과제 %(count)s개를 %(year)s년 계획으로 이월했습니다.")
                    % {"count": len(copies), "year": plan.year + 1},
                )
            else:
                messages.info(request, _("이미 이월한 과제입니다. 새로 이월한 과제는 없습니다."))
            # Back to the same source year: the page lists what went over and does not offer,
            # at once, to roll the fresh copies into the year after.
            return redirect(reverse("performance:rollover") + year_query(plan.year))
    context = {
        "plan": plan,
        "year_choice": choice,
        "form": form,
        "candidates": candidates,
        "copied": selectors.rolled_over(plan=plan),
    }
    return render(request, "performance/rollover.html", context)
