"""The HR import screens of the Wagtail admin: upload, one run's result or progress, its JSON."""

from django.contrib.auth.decorators import permission_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from . import selectors
from .forms import ImportUploadForm
from .imports import import_run_dispatch, import_run_progress, import_run_start, import_run_summary
from .models import ImportRun

IMPORT_PERMISSION = "directory.add_importrun"
RECENT_RUNS = 20


def _context(**extra) -> dict:
    return {
        "header_title": _("인사 자료 가져오기"),
        "page_title": _("인사 자료 가져오기"),
        "header_icon": "upload",
        **extra,
    }


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_upload(request):
    """Upload a file; small files are imported now, big ones are queued as a Celery task."""
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        run = import_run_start(
            kind=form.cleaned_data["kind"],
            source=upload,
            file_name=upload.name,
            size=upload.size,
            uploaded_by=selectors.staff_for_user(request.user),
            dry_run=form.cleaned_data["dry_run"],
            deactivate_missing=form.cleaned_data["deactivate_missing"],
        )
        run = import_run_dispatch(run=run, background=True)
        return redirect("directory_import_run", pk=run.pk)
    runs = ImportRun.objects.select_related("uploaded_by")[:RECENT_RUNS]
    return render(request, "directory/admin/import_upload.html", _context(form=form, runs=runs))


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_run_detail(request, pk):
    """The report of one run, or a progress bar while its task runs."""
    run = get_object_or_404(ImportRun.objects.select_related("uploaded_by"), pk=pk)
    context = _context(
        run=run,
        progress=import_run_progress(run=run),
        summary=import_run_summary(run=run),
        errors=[e for e in run.errors if e.get("level") != "warning"],
        warnings=[e for e in run.errors if e.get("level") == "warning"],
    )
    return render(request, "directory/admin/import_run.html", context)


@permission_required(IMPORT_PERMISSION, raise_exception=True)
def import_run_progress_json(request, pk):
    """Polled by ieum.js: {"percent", "label", "finished"}."""
    run = get_object_or_404(ImportRun, pk=pk)
    return JsonResponse(import_run_progress(run=run))
