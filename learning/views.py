"""The education site's screens beneath /learning/ (the home and course pages are Wagtail pages).

Views are thin: every write goes through ``services``; a ``LearningError`` is shown to the person
as it is (Korean, saying what and why) and nothing has changed.
"""

import tempfile
from functools import wraps
from pathlib import Path

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from intranet.directory.imports import ImportRejected, import_report_lines
from intranet.directory.selectors import staff_for_user
from intranet.links import absolute_url
from intranet.roles import Role, has_role
from intranet.years import year_choose

from . import selectors, services
from .cache import SAFETY_SECONDS as CATALOGUE_SECONDS
from .cache import catalogue_moment
from .filters import CatalogueFilter
from .forms import CapacityForm, DecisionForm, DepartmentEnrolForm, ListEnrolForm, VerifyForm
from .models import Completion, Enrolment, Session
from .services import LearningError
from .tables import CatalogueTable, StaffHoursTable


def _me(request):
    me = staff_for_user(request.user)
    if me is None:
        raise PermissionDenied(_("직원 명부와 연결된 계정만 사용할 수 있습니다."))
    return me


def learning_admin_required(view):
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not has_role(request.user, Role.LEARNING_ADMIN):
            raise PermissionDenied(_("교육 관리자만 볼 수 있는 화면입니다."))
        return view(request, *args, **kwargs)

    return wrapped


def _refusal(request, error: LearningError) -> None:
    for message in error.messages:
        messages.error(request, message)


def _course_url(session: Session) -> str:
    return f"{session.course.url or reverse('learning:catalogue')}#session-{session.pk}"


def catalogue(request):
    """The catalogue. Its filter form and table read nothing of the reader, so the rendered
    fragment is kept per catalogue generation and moment (``cache.catalogue_moment``), language
    and query string; the filter and the table are built, and their queries run, only when it is
    not kept."""
    course_filter = SimpleLazyObject(
        lambda: CatalogueFilter(request.GET or None, queryset=selectors.catalogue_queryset())
    )

    def table_build():
        table = CatalogueTable(course_filter.qs)
        RequestConfig(request, paginate={"per_page": 25}).configure(table)
        return table

    context = {
        "filter": course_filter,
        "table": SimpleLazyObject(table_build),
        "results_key": f"{catalogue_moment()}:{get_language()}:{request.GET.urlencode()}",
        "results_seconds": CATALOGUE_SECONDS,
    }
    return render(request, "learning/catalogue.html", context)


def my_learning(request):
    from .calendar import feed_token

    me = _me(request)
    context = selectors.my_learning(staff=me)
    context["is_head"] = selectors.headed_departments(me).exists()
    context["feed_url"] = absolute_url(reverse("learning:calendar_feed", args=[feed_token(me.pk)]))
    return render(request, "learning/my_learning.html", context)


@require_POST
def session_enrol(request, pk):
    me = _me(request)
    session = get_object_or_404(Session.objects.select_related("course"), pk=pk)
    try:
        enrolment = services.enrolment_create(session_id=session.pk, staff=me)
    except LearningError as error:
        _refusal(request, error)
    else:
        text = {
            Enrolment.State.ENROLLED: _("신청했습니다."),
            Enrolment.State.PENDING: _("신청했습니다. 부서장 승인을 기다립니다."),
            Enrolment.State.WAITLISTED: _(
                "정원이 차서 대기자로 등록했습니다. 자리가 나면 자동으로 신청되고 알려 드립니다."
            ),
        }[enrolment.state]
        messages.success(request, text)
    return redirect(_course_url(session))


@require_POST
def enrolment_cancel(request, pk):
    me = _me(request)
    enrolment = get_object_or_404(Enrolment.objects.select_related("session__course"), pk=pk)
    if enrolment.staff_id != me.pk and not services.is_learning_admin(me):
        raise PermissionDenied(_("본인의 신청만 취소할 수 있습니다."))
    try:
        services.enrolment_cancel(
            enrolment_id=enrolment.pk, actor=me, reason=request.POST.get("reason", "")[:300]
        )
    except LearningError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("신청을 취소했습니다."))
    if request.POST.get("next") == "roster" and services.is_learning_admin(me):
        return redirect("learning:roster", enrolment.session_id)
    if request.POST.get("next") == "my":
        return redirect("learning:my")
    return redirect(_course_url(enrolment.session))


def approvals(request):
    me = _me(request)
    is_admin = services.is_learning_admin(me)
    rows = list(selectors.pending_approvals(staff=me, is_admin=is_admin)[:200])
    return render(request, "learning/approvals.html", {"rows": rows, "form": DecisionForm()})


@require_POST
def enrolment_decide(request, pk):
    me = _me(request)
    form = DecisionForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    approve = request.POST.get("decision") == "approve"
    try:
        services.enrolment_decide(enrolment_id=pk, actor=me, approve=approve, reason=reason)
    except LearningError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("승인했습니다.") if approve else _("반려했습니다."))
    return redirect("learning:approvals")


def _year(request) -> int:
    """The export's year: ``?year=`` or, without it, the review page's default."""
    return year_choose(request, years=selectors.course_years()).year


def hours_dashboard(request):
    """Learning admins see every department; a department head (the approvals page's rule) sees
    the departments they head and every department below them; anyone else is refused."""
    me = _me(request)
    if services.is_learning_admin(me):
        department_ids = None
    else:
        department_ids = selectors.headed_subtree_ids(me)
        if not department_ids:
            raise PermissionDenied(_("교육 관리자와 부서장만 볼 수 있는 화면입니다."))
    raw = request.GET.get("department", "")
    department_id = int(raw) if raw.isdigit() else None
    year_choice = year_choose(request, years=selectors.hours_years())
    year = year_choice.year
    data = selectors.hours_dashboard(year=year, department_ids=department_ids, department_id=department_id)
    table = StaffHoursTable(data["rows"])
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    context = {
        "year": year,
        "year_choice": year_choice,
        "departments": data["departments"],
        "department_id": department_id,
        "table": table,
    }
    return render(request, "learning/hours.html", context)


def month_calendar(request):
    """Sessions of a month (``?month=YYYY-MM``, this month by default) with my own highlighted."""
    import datetime as dt

    from django.utils import timezone

    from .calendar import feed_token

    me = _me(request)
    raw = request.GET.get("month", "")
    try:
        first = dt.datetime.strptime(raw, "%Y-%m").date() if raw else None
    except ValueError:
        first = None
    if first is None or not 2000 <= first.year <= 2100:
        if raw:
            messages.error(request, _("달은 2025-11처럼 연도-월로 적어 주세요. 이번 달을 보여 드립니다."))
        first = timezone.localdate().replace(day=1)
    context = selectors.month_calendar(first=first, staff=me)
    context["feed_url"] = absolute_url(reverse("learning:calendar_feed", args=[feed_token(me.pk)]))
    return render(request, "learning/calendar.html", context)


# --- programme review --------------------------------------------------------------------------------

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@learning_admin_required
def review(request):
    from .models import CourseReview

    year_choice = year_choose(request, years=selectors.course_years())
    year = year_choice.year
    page_obj, rows = selectors.programme_review_page(year=year, page=request.GET.get("page"))
    context = {
        "year": year,
        "year_choice": year_choice,
        "rows": rows,
        "page_obj": page_obj,
        "page_query": f"year={year}",
        "decisions": CourseReview.Decision.choices,
    }
    return render(request, "learning/review.html", context)


@require_POST
@learning_admin_required
def review_save(request, pk):
    me = _me(request)
    try:
        services.course_review_save(
            course_id=pk,
            decision=request.POST.get("decision", ""),
            reason=request.POST.get("reason", ""),
            actor=me,
        )
    except LearningError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("다음 해 결정을 저장했습니다."))
    year = request.POST.get("year", "")
    query = f"?year={year}" if year.isdigit() else ""
    return redirect(f"{reverse('learning:review')}{query}#course-{pk}")


@learning_admin_required
def review_export(request):
    from .export import review_workbook

    year = _year(request)
    rows = selectors.programme_review(year=year)
    response = HttpResponse(review_workbook(year=year, rows=rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="learning-review-{year}.xlsx"'
    return response


# --- learning admin ----------------------------------------------------------------------------------


@learning_admin_required
def manage(request):
    from .feedback import results_url, survey_ids_by_course

    sessions = list(selectors.upcoming_sessions()[:200])
    surveys = survey_ids_by_course(s.course_id for s in sessions if s.completed_at)
    now = timezone.now()
    for session in sessions:
        session.awaits_completion = not session.completed_at and session.ends_at < now
        survey_id = surveys.get(session.course_id) if session.completed_at else None
        session.feedback_results_url = (
            results_url(survey_id=survey_id, session_id=session.pk) if survey_id else ""
        )
    return render(request, "learning/manage.html", {"sessions": sessions})


@learning_admin_required
def roster(request, pk):
    try:
        session, rows = selectors.session_roster(session_id=pk)
    except Session.DoesNotExist:
        raise Http404(_("그런 교육 차수가 없습니다.")) from None
    from .feedback import course_survey, results_url

    seat_rows = [r for r in rows if r.state in Enrolment.SEAT_STATES]
    survey = course_survey(session.course_id) if session.completed_at else None
    context = {
        "session": session,
        "feedback_session_url": results_url(survey_id=survey.pk, session_id=session.pk) if survey else "",
        "feedback_course_url": results_url(survey_id=survey.pk) if survey else "",
        "seat_rows": seat_rows,
        "waiting_rows": [r for r in rows if r.state == Enrolment.State.WAITLISTED],
        "other_rows": [r for r in rows if r.state == Enrolment.State.CANCELLED],
        "department_form": DepartmentEnrolForm(),
        "list_form": ListEnrolForm(),
        "capacity_form": CapacityForm(initial={"capacity": session.capacity}),
        "report": request.session.pop("learning_import_report", None),
    }
    return render(request, "learning/roster.html", context)


@require_POST
@learning_admin_required
def roster_attendance(request, pk):
    me = _me(request)
    ids = {
        int(k.removeprefix("attend-")): v
        for k, v in request.POST.items()
        if k.startswith("attend-") and k[7:].isdigit()
    }
    present = [pk_ for pk_, v in ids.items() if v == "present"]
    absent = [pk_ for pk_, v in ids.items() if v == "absent"]
    try:
        changed = services.attendance_mark(session_id=pk, present=present, absent=absent, actor=me)
    except LearningError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("출석을 저장했습니다(%(count)s명 변경).") % {"count": changed})
    return redirect("learning:roster", pk)


@require_POST
@learning_admin_required
def roster_complete(request, pk):
    me = _me(request)
    try:
        done = services.session_complete(session_id=pk, actor=me)
    except LearningError as error:
        _refusal(request, error)
    else:
        messages.success(request, _("수료 처리했습니다. 수료 %(count)s명.") % {"count": len(done)})
    return redirect("learning:roster", pk)


@require_POST
@learning_admin_required
def roster_capacity(request, pk):
    me = _me(request)
    form = CapacityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("정원은 0 이상의 정수로 적어 주세요."))
        return redirect("learning:roster", pk)
    try:
        services.session_capacity_change(
            session_id=pk,
            capacity=form.cleaned_data["capacity"],
            actor=me,
            reason=form.cleaned_data["reason"],
        )
    except LearningError as error:
        _refusal(request, error)
    else:
        messages.success(
            request, _("정원을 %(capacity)s명으로 바꿨습니다.") % {"capacity": form.cleaned_data["capacity"]}
        )
    return redirect("learning:roster", pk)


@require_POST
@learning_admin_required
def roster_department(request, pk):
    me = _me(request)
    form = DepartmentEnrolForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("부서를 골라 주세요."))
        return redirect("learning:roster", pk)
    try:
        result = services.department_enrol(
            session_id=pk,
            department=form.cleaned_data["department"],
            actor=me,
            include_subdepartments=form.cleaned_data["include_subdepartments"],
        )
    except LearningError as error:
        _refusal(request, error)
    else:
        messages.success(request, result.summary)
    return redirect("learning:roster", pk)


@require_POST
@learning_admin_required
def roster_list(request, pk):
    me = _me(request)
    form = ListEnrolForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("사번 명단 파일을 골라 주세요."))
        return redirect("learning:roster", pk)
    upload = form.cleaned_data["file"]
    suffix = Path(upload.name).suffix.lower()[:8]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"list{suffix}"
        with path.open("wb") as handle:
            for chunk in upload.chunks():
                handle.write(chunk)
        path = path.rename(Path(folder) / Path(upload.name).name.replace("/", "_")[:100])
        try:
            result = services.list_enrol(session_id=pk, path=path, actor=me)
        except ImportRejected as rejected:
            request.session["learning_import_report"] = import_report_lines(
                issues=[i.as_dict() for i in rejected.issues]
            )[:200]
            messages.error(
                request,
                _("명단에 잘못된 곳이 있어 아무도 신청하지 않았습니다. 아래 목록을 고쳐 다시 올려 주세요."),
            )
        except LearningError as error:
            _refusal(request, error)
        else:
            messages.success(request, result.summary)
    return redirect("learning:roster", pk)


# --- certificates ------------------------------------------------------------------------------------


def certificate(request, code):
    from .certificates import certificate_pdf

    completion = (
        Completion.objects.select_related("staff__department", "course", "session")
        .filter(code=code.upper())
        .first()
    )
    if completion is None:
        raise Http404(_("그런 수료증이 없습니다."))
    me = staff_for_user(request.user)
    if not (me and completion.staff_id == me.pk) and not has_role(request.user, Role.LEARNING_ADMIN):
        raise PermissionDenied(_("본인의 수료증만 내려받을 수 있습니다."))
    pdf = certificate_pdf(
        completion=completion,
        verify_url=absolute_url(reverse("learning:verify", args=[completion.code])),
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{completion.code}.pdf"'
    return response


def verify(request, code=None):
    """Anyone signed in may check a certificate code: it shows who completed what, no more."""
    form = VerifyForm({"code": code} if code else (request.GET or None))
    completion = None
    if form.is_bound and form.is_valid():
        completion = (
            Completion.objects.select_related("staff__department", "course", "session")
            .filter(code=form.cleaned_data["code"])
            .first()
        )
        if completion is None:
            form.add_error(
                "code",
                _("확인 번호 %(code)s인 수료증이 없습니다. 번호를 다시 확인해 주세요.")
                % {"code": form.cleaned_data["code"]},
            )
    status = 404 if form.is_bound and completion is None else 200
    return render(request, "learning/verify.html", {"form": form, "completion": completion}, status=status)


@login_not_required
def calendar_feed(request, token):
    """The per-person iCalendar feed (a secret URL: calendar clients cannot log in)."""
    from .calendar import feed_ical, staff_id_for_token

    staff_id = staff_id_for_token(token)
    if staff_id is None:
        raise Http404(_("그런 일정 주소가 없습니다."))
    response = HttpResponse(feed_ical(staff_id=staff_id), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="learning.ics"'
    return response
