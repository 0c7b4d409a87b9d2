"""External learning pages: my records, record a conference or a certificate, a record with its
history, the evidence file (owner and learning admins only), and the learning admins' queue."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from intranet.directory.selectors import staff_for_user
from intranet.media import private_file_response
from intranet.roles import Role, has_role
from intranet.years import year_choose

from . import selectors, services
from .forms import FORMS, ReviewForm
from .models import ExternalRecord
from .tables import QueueTable, YearTable


def _me(request):
    me = staff_for_user(request.user)
    if me is None:
        raise Http404(_("직원 명부에 연결된 계정이 아닙니다."))
    return me


def _visible_record(request, pk):
    """The record if the visitor may see it; 404 otherwise (someone else's record is not shown
    as existing)."""
    me = _me(request)
    try:
        record = selectors.record_detail(pk=pk)
    except ExternalRecord.DoesNotExist:
        raise Http404(_("그런 외부 학습 기록이 없습니다.")) from None
    if not services.can_see_record(record=record, staff=me):
        raise Http404(_("그런 외부 학습 기록이 없습니다."))
    return me, record


def _service_errors(form, error: services.RecordError):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def my_records(request):
    me = _me(request)
    records = list(selectors.records_of(staff=me))
    approved = [r for r in records if r.status == ExternalRecord.Status.APPROVED]
    context = {
        "records": records,
        "approved_hours": sum((r.hours for r in approved), 0),
        "is_admin": services.is_learning_admin(me),
    }
    return render(request, "learning_records/mine.html", context)


def record_create(request, kind):
    me = _me(request)
    form_class = FORMS.get(kind)
    if form_class is None:
        raise Http404(_("그런 기록 종류가 없습니다."))
    posted = request.method == "POST"
    form = form_class(request.POST if posted else None, request.FILES if posted else None)
    if posted and form.is_valid():
        try:
            record = services.record_submit(
                staff=me, data=form.record_input(), evidence=request.FILES.get("evidence")
            )
        except services.RecordError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("기록을 제출했습니다. 교육 관리자가 검토하면 알려 드립니다."))
            return redirect(record.get_absolute_url())
    if posted:
        messages.error(request, _("입력한 내용을 확인해 주세요. 표시된 항목에 오류가 있습니다."))
    return render(
        request,
        "learning_records/form.html",
        {"form": form, "kind_label": ExternalRecord.Kind(kind).label, "record": None},
    )


def record_edit(request, pk):
    me, record = _visible_record(request, pk)
    if record.staff_id != me.pk:
        raise PermissionDenied(_("본인의 기록만 고칠 수 있습니다."))
    if record.status == ExternalRecord.Status.APPROVED:
        messages.error(request, _("승인된 기록은 고칠 수 없습니다."))
        return redirect(record.get_absolute_url())
    posted = request.method == "POST"
    form_class = FORMS[record.kind]
    form = form_class(request.POST if posted else None, request.FILES if posted else None, instance=record)
    if posted and form.is_valid():
        try:
            services.record_correct(
                record=record, by=me, data=form.record_input(), evidence=request.FILES.get("evidence")
            )
        except services.RecordError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("기록을 고쳐 다시 제출했습니다."))
            return redirect(record.get_absolute_url())
    if posted:
        messages.error(request, _("입력한 내용을 확인해 주세요. 표시된 항목에 오류가 있습니다."))
    return render(
        request,
        "learning_records/form.html",
        {"form": form, "kind_label": record.get_kind_display(), "record": record},
    )


def record_detail(request, pk):
    me, record = _visible_record(request, pk)
    is_admin = services.is_learning_admin(me)
    context = {
        "record": record,
        "history": selectors.record_history(record=record),
        "is_owner": record.staff_id == me.pk,
        "review_form": ReviewForm()
        if is_admin and record.status == ExternalRecord.Status.SUBMITTED
        else None,
    }
    return render(request, "learning_records/detail.html", context)


def evidence(request, pk):
    """The evidence file, to the owner and learning admins only (the file is not under /media/)."""
    _viewer, record = _visible_record(request, pk)
    return private_file_response(record.evidence)


@require_POST
def record_review(request, pk):
    me, record = _visible_record(request, pk)
    if not services.is_learning_admin(me):
        raise PermissionDenied(_("외부 학습 기록은 교육 관리자만 검토할 수 있습니다."))
    form = ReviewForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect(record.get_absolute_url())
    reason = form.cleaned_data["reason"]
    try:
        if form.cleaned_data["decision"] == "approve":
            services.record_approve(record=record, by=me, reason=reason)
            messages.success(request, _("승인했습니다. 본인에게 알림을 보냈습니다."))
        else:
            services.record_return(record=record, by=me, reason=reason)
            messages.success(request, _("반려했습니다. 본인에게 사유와 함께 알림을 보냈습니다."))
    except services.RecordError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(record.get_absolute_url())
    return redirect("learning_records:queue")


def review_queue(request):
    me = _me(request)
    if not services.is_learning_admin(me):
        raise PermissionDenied(_("검토 대기 목록은 교육 관리자만 볼 수 있습니다."))
    table = QueueTable(selectors.review_queue())
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    return render(request, "learning_records/queue.html", {"table": table})


def records_year(request):
    """The approved records of ``?year=`` (``&kind=conference`` or ``certificate``): what the
    annual report counts, for learning admins and the report's readers (planners, leaders)."""
    me = _me(request)
    user = request.user
    if not (services.is_learning_admin(me) or has_role(user, Role.PLANNER) or has_role(user, Role.LEADER)):
        raise PermissionDenied(_("연도별 외부 학습 기록은 교육 관리자, 성과 기획자, 리더만 볼 수 있습니다."))
    year_choice = year_choose(request, years=selectors.record_years())
    kind = request.GET.get("kind", "")
    if kind and kind not in ExternalRecord.Kind.values:
        messages.error(
            request, _("종류는 컨퍼런스·세미나(conference) 또는 자격증(certificate)만 고를 수 있습니다.")
        )
        kind = ""
    table = YearTable(selectors.approved_in_year(year=year_choice.year, kind=kind))
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    context = {
        "table": table,
        "year_choice": year_choice,
        "kind": kind,
        "kind_label": ExternalRecord.Kind(kind).label if kind else "",
    }
    return render(request, "learning_records/year.html", context)
