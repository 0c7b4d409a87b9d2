"""The people-facing survey pages: the list, answering, results and the follow-up.

Anonymous surveys: nothing here logs, stores in the session or shows in a message anything that
ties a submission to the person. The response the service returns is not even kept.
"""

import hashlib

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from intranet.directory.selectors import staff_for_user
from intranet.kept_queries import KeptObjectsQuery
from intranet.media import private_file_response
from intranet.years import year_choose

from . import selectors, services
from .filters import ImprovementTaskFilter
from .forms import ImprovementTaskForm, ResultsFilterForm, answer_sheet, errors_from, raw_from_post
from .models import Area, ImprovementTask, Survey
from .tables import ImprovementTaskTable

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _launched_surveys(pk):
    return Survey.objects.exclude(status=Survey.Status.DRAFT).select_related("previous").filter(pk=pk)


def _launched_with_version(pk):
    from .results import with_version_fields

    return with_version_fields(_launched_surveys(pk))


# The results page's read of the survey, compiled once per process (its count subquery made
# compiling it about as costly as the rest of the view's queries together).
_LAUNCHED_WITH_VERSION = KeptObjectsQuery(_launched_with_version, "pk")


def _launched(pk, *, version: bool = False) -> Survey:
    """A survey that is not a draft; with ``version``, read with what its results' version needs
    (``results.with_version_fields``: no second query for it)."""
    if not version:
        return get_object_or_404(_launched_surveys(pk))
    found = _LAUNCHED_WITH_VERSION.objects(pk=pk)
    if not found:
        raise Http404  # as get_object_or_404: the site's own 404 page
    return found[0]


def survey_list(request):
    """Open surveys always; past surveys and the results links of the year of ``?year=``
    (default: the latest year with surveys), so every year stays reachable."""
    me = staff_for_user(request.user)
    open_now, others = selectors.my_surveys(staff=me)
    can_see_results = selectors.can_see_results(request.user)
    results_surveys = selectors.surveys_with_results() if can_see_results else []
    year_choice = year_choose(
        request, years={i.survey.year for i in others} | {s.year for s in results_surveys}
    )
    context = {
        "open_now": open_now,
        "others": [i for i in others if i.survey.year == year_choice.year],
        "results_surveys": [s for s in results_surveys if s.year == year_choice.year],
        "can_see_results": can_see_results,
        "you_said_we_did": selectors.you_said_we_did(),
        "year_choice": year_choice,
    }
    return render(request, "surveys/survey_list.html", context)


def survey_detail(request, pk):
    """Where a reminder points: the answer page says what the person can do with this survey."""
    return redirect("surveys:answer", pk=_launched(pk).pk)


def _refusal(request, survey, message, *, status):
    return render(request, "surveys/refusal.html", {"survey": survey, "message": message}, status=status)


def survey_answer(request, pk):
    # The audience row with its survey in one query; the survey alone only when there is none.
    member = selectors.membership_for_user(survey_id=pk, user=request.user)
    survey = member.survey if member is not None else _launched(pk)
    posted = request.method == "POST"
    if member is None:
        return _refusal(
            request,
            survey,
            _("이 설문의 대상자가 아닙니다. 설문은 배포할 때 정한 대상자만 응답할 수 있습니다."),
            status=403,
        )
    if member.has_submitted:
        message = (
            _("이미 응답을 제출했습니다. 한 사람은 한 번만 응답할 수 있고, 처음 응답은 그대로 있습니다.")
            if posted
            else _("이미 응답을 제출했습니다. 참여해 주셔서 감사합니다.")
        )
        return _refusal(request, survey, message, status=409 if posted else 200)
    if not survey.is_accepting_answers():
        return _refusal(
            request,
            survey,
            _("응답 기간이 아닌 설문입니다. 마감되었거나 아직 시작하지 않았습니다."),
            status=409 if posted else 200,
        )

    # Read once: the POST is parsed and validated with these, and the sections are read only
    # when the page is shown (an accepted submission redirects without them).
    questions = selectors.survey_questions(survey=survey)
    me = member.staff
    values, errors = member.draft, {}
    if posted:
        raw = raw_from_post(request.POST, questions)
        try:
            if request.POST.get("action") == "draft":
                services.survey_draft_save(
                    survey=survey, staff=me, raw=raw, questions=questions, member=member
                )
                messages.success(request, _("임시 저장했습니다. 마감 전까지 이어서 답할 수 있습니다."))
                return redirect("surveys:answer", pk=survey.pk)
            services.survey_submit(survey=survey, staff=me, raw=raw, questions=questions, member=member)
            return redirect("surveys:thanks", pk=survey.pk)
        except services.SurveyError as error:
            errors, general = errors_from(error)
            if general:
                return _refusal(request, survey, " ".join(general), status=409)
            values = raw
    blocks = selectors.survey_sections(survey=survey, questions=questions)
    context = {
        "survey": survey,
        "sheet": answer_sheet(blocks, values=values, errors=errors),
        "errors": errors,
        "has_draft": bool(member.draft),
    }
    return render(request, "surveys/answer.html", context)


def survey_thanks(request, pk):
    survey = _launched(pk)
    member = selectors.membership(survey=survey, staff=staff_for_user(request.user))
    if member is None or not member.has_submitted:
        return redirect("surveys:answer", pk=survey.pk)
    return render(request, "surveys/thanks.html", {"survey": survey})


# --- results ---------------------------------------------------------------------------------------


def _results_or_403(request, pk):
    survey = _launched(pk, version=True)
    if not selectors.can_see_results(request.user, survey):
        raise PermissionDenied(
            _("설문 결과는 설문 관리자와 리더(연결된 설문은 담당 관리자)만 볼 수 있습니다.")
        )
    return survey


def _filter_form(request, survey):
    """The filter form (its choices are the full result's groups), valid filters and that result."""
    from .results import survey_results

    full = survey_results(survey=survey)
    rows_key = (survey.pk, full["version"]) if full.get("version") else None
    form = ResultsFilterForm(request.GET or None, groups=full.get("groups"), rows_key=rows_key)
    return form, form.filters(), full


def _query_without(request, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


RESULTS_FRAGMENT_SECONDS = 600


def _results_pending(request, survey):
    """An open anonymous survey: participation only, the results at the close."""
    context = {"survey": survey, "participation": selectors.participation_while_open(survey=survey)}
    return render(request, "surveys/results_pending.html", context)


def survey_results(request, pk):
    survey = _results_or_403(request, pk)
    if not selectors.results_released(survey):
        return _results_pending(request, survey)
    from .results import survey_results as results_for

    form, filters, full = _filter_form(request, survey)
    query = request.GET.urlencode()
    # The result's part of the page is rendered once per result version, query and language and
    # kept for RESULTS_FRAGMENT_SECONDS (the template's {% cache %}): the tables and charts of a
    # big survey were most of the view's CPU. A new answer, question or threshold is a new
    # version, so the fragment never outlives the result it shows; a filtered result is computed
    # (and its page built) only when its fragment is not cached.
    version = full.get("version")
    digest = hashlib.sha256(query.encode()).hexdigest()[:32]
    fragment_key = f"{survey.pk}:{version}:{digest}" if version else None

    def page():
        result = results_for(survey=survey, filters=filters) if filters else full
        return selectors.results_page(result, heatmap_page=request.GET.get("heatmap_page"))

    context = {
        "survey": survey,
        "form": form,
        "filters": filters,
        "query": query,
        "refreshing": bool(full.get("refreshing")) and not filters,  # a filtered result is current
        "page": SimpleLazyObject(page),
        "fragment_key": fragment_key,
        "fragment_seconds": RESULTS_FRAGMENT_SECONDS if fragment_key else 0,
        "query_without_page": _query_without(request, "heatmap_page"),
        "query_without_department": _query_without(request, "department", "department_name", "heatmap_page"),
        "department_label": form.department_label() if filters.get("department") else "",
        "previous_tasks": selectors.previous_tasks_by_area(survey=survey),
    }
    return render(request, "surveys/results.html", context)


def survey_results_xlsx(request, pk):
    from .export import survey_results_workbook

    survey = _results_or_403(request, pk)
    if not selectors.results_released(survey):
        return _results_pending(request, survey)
    _form, filters, _full = _filter_form(request, survey)
    response = HttpResponse(survey_results_workbook(survey=survey, filters=filters), content_type=XLSX)
    name = f"survey-{survey.pk}-results.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- follow-up ----------------------------------------------------------------------------------------


def task_list(request, pk):
    survey = _launched(pk)
    can_manage = selectors.can_manage_tasks(request.user)
    sees_all = can_manage or selectors.can_see_results(request.user, survey)
    tasks = selectors.tasks_for(survey=survey, published_only=not sees_all)
    task_filter = ImprovementTaskFilter(request.GET, queryset=tasks, areas=Area.objects.all())
    table = ImprovementTaskTable(task_filter.qs)
    RequestConfig(request, paginate={"per_page": 25}).configure(table)
    context = {
        "survey": survey,
        "filter": task_filter,
        "table": table,
        "board": selectors.tasks_board(task_filter.qs),
        "can_manage": can_manage,
        "sees_all": sees_all,
    }
    return render(request, "surveys/tasks.html", context)


def task_evidence(request, pk, task_pk):
    """A task's evidence file: to everyone once the task is published, before that only to those
    who see every task (the file is in the private storage, never under /media/)."""
    survey = _launched(pk)
    task = get_object_or_404(ImprovementTask, pk=task_pk, survey=survey)
    if task.published_at is None and not (
        selectors.can_manage_tasks(request.user) or selectors.can_see_results(request.user, survey)
    ):
        raise Http404(_("파일을 찾을 수 없습니다."))
    return private_file_response(task.evidence)


def _task_form(request, survey, task=None):
    if not selectors.can_manage_tasks(request.user):
        raise PermissionDenied(_("개선 과제는 설문 관리자만 등록하고 고칠 수 있습니다."))
    form = ImprovementTaskForm(request.POST or None, request.FILES or None, instance=task)
    if request.method == "POST" and form.is_valid():
        services.improvement_task_save(survey=survey, form=form)
        messages.success(request, _("개선 과제를 저장했습니다."))
        return redirect("surveys:tasks", pk=survey.pk)
    if request.method == "POST":
        messages.error(request, _("입력한 내용을 확인해 주세요. 표시된 항목에 오류가 있습니다."))
    return render(
        request,
        "surveys/task_form.html",
        {"survey": survey, "form": form, "task": task},
    )


def task_create(request, pk):
    return _task_form(request, _launched(pk))


def task_edit(request, pk, task_pk):
    survey = _launched(pk)
    task = get_object_or_404(ImprovementTask.objects.select_related("owner"), pk=task_pk, survey=survey)
    return _task_form(request, survey, task)


@require_POST
def task_publish(request, pk, task_pk):
    if not selectors.can_manage_tasks(request.user):
        raise PermissionDenied(_("개선 과제는 설문 관리자만 공개할 수 있습니다."))
    task = get_object_or_404(ImprovementTask, pk=task_pk, survey_id=pk)
    try:
        services.improvement_task_publish(task=task)
    except services.SurveyError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("'%(title)s' 과제를 '말씀하신 것, 이렇게 바꿨습니다'에 공개했습니다.") % {"title": task.title},
        )
    return redirect("surveys:tasks", pk=pk)
