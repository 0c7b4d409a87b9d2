"""The PR log (editors) and the partnerships (every member of staff reads, editors write).

Files are served here, not from the media URL: PR attachments to editors, partnership
documents to any signed-in member of staff (the login middleware guards every view).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django_tables2 import RequestConfig

from intranet.directory.selectors import staff_for_user
from intranet.media import private_file_response

from . import selectors, services
from .filters import PrActivityFilter
from .forms import PartnershipForm, PrActivityForm
from .models import Channel, Partnership, PartnershipDocument, PrActivity, PrAttachment
from .tables import PrActivityTable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _editor(request):
    me = staff_for_user(request.user)
    if not services.is_editor(me):
        raise PermissionDenied(_("홍보 실적은 뉴스룸 편집자만 볼 수 있습니다."))
    return me


def _filtered(request):
    years = selectors.pr_years()
    pr_filter = PrActivityFilter(request.GET or None, queryset=selectors.pr_activities(), years=years)
    return pr_filter, years


def pr_list(request):
    _editor(request)
    pr_filter, _years = _filtered(request)
    table = PrActivityTable(pr_filter.qs)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    context = {
        "filter": pr_filter,
        "table": table,
        "channels": Channel.choices,
        "yearly": selectors.pr_yearly_counts(),
        "query": request.GET.urlencode(),
    }
    return render(request, "newsroom_activity/pr_list.html", context)


def pr_export(request):
    from .export import pr_workbook

    _editor(request)
    pr_filter, _years = _filtered(request)
    table = PrActivityTable(pr_filter.qs)
    RequestConfig(request, paginate=False).configure(table)  # the same order as the page
    response = HttpResponse(pr_workbook(rows=list(table.data)), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="pr-activities.xlsx"'
    return response


def _record_form(request, *, form_class, save, instance, template, success, extra):
    me = staff_for_user(request.user)
    posted = request.method == "POST"
    form = form_class(request.POST if posted else None, request.FILES if posted else None, instance=instance)
    if posted and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form._meta.fields}
        try:
            record, _created = save(
                by=me,
                fields=fields,
                files=form.cleaned_data["files"],
                submission_key=form.cleaned_data.get("submission_key") if instance is None else None,
                **extra(instance),
            )
        except services.ActivityError as error:
            form.add_error(None, " ".join(error.messages))
        except services.ValidationError as error:
            for field, errors in error.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, success)
            return redirect(record.get_absolute_url())
    status = 400 if posted else 200
    return render(request, template, {"form": form, "record": instance}, status=status)


def pr_edit(request, pk=None):
    _editor(request)
    activity = get_object_or_404(PrActivity, pk=pk) if pk else None
    return _record_form(
        request,
        form_class=PrActivityForm,
        save=services.pr_activity_save,
        instance=activity,
        template="newsroom_activity/pr_form.html",
        success=_("홍보 실적을 저장했습니다."),
        extra=lambda instance: {"activity": instance},
    )


def _serve(stored):
    return private_file_response(stored.file)


def pr_attachment(request, pk):
    _editor(request)
    return _serve(get_object_or_404(PrAttachment, pk=pk))


def partnership_list(request):
    me = staff_for_user(request.user)
    context = {"partnerships": list(selectors.partnerships()), "can_edit": services.is_editor(me)}
    return render(request, "newsroom_activity/partnership_list.html", context)


def partnership_edit(request, pk=None):
    me = staff_for_user(request.user)
    if not services.is_editor(me):
        raise PermissionDenied(_("협력 기관은 뉴스룸 편집자만 등록하고 고칠 수 있습니다."))
    partnership = get_object_or_404(Partnership, pk=pk) if pk else None
    return _record_form(
        request,
        form_class=PartnershipForm,
        save=services.partnership_save,
        instance=partnership,
        template="newsroom_activity/partnership_form.html",
        success=_("협력 기관을 저장했습니다."),
        extra=lambda instance: {"partnership": instance},
    )


def document(request, pk):
    return _serve(get_object_or_404(PartnershipDocument, pk=pk))
