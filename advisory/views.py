"""The /advisory/ screens: the committee page and the advice follow-up table for all staff; the
members, terms, letters and meeting records for committee secretaries; the answer and the
progress of a piece of advice for the responsible department's head.

Staff read only what is final: meetings whose minutes are approved and the advice given at them.
Members' contact details appear only on the secretaries' member pages.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from intranet.directory.cache import directory_generation
from intranet.directory.selectors import staff_for_user
from intranet.media import private_file_response
from intranet.years import year_parse

from . import selectors, services
from .cache import SAFETY_SECONDS, advisory_generation
from .filters import AdviceFilter
from .forms import (
    AdviceForm,
    AgendaItemForm,
    AttendanceForm,
    MeetingForm,
    MemberForm,
    ProgressForm,
    RecusalForm,
    ResponseForm,
    TermForm,
)
from .models import Advice, AdviceUpdate, AgendaItem, Ceremony, Meeting, Member, Term
from .tables import AdviceTable

ADVICE_TABLE_FIELDS = (
    "text",
    "due_on",
    "response",
    "stage",
    "progress",
    "meeting__title",
    "meeting__held_at",
    "domain__name",
    "department__name",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _me(request):
    return staff_for_user(request.user)


def _secretary(request):
    me = _me(request)
    if not services.is_secretary(me):
        raise PermissionDenied(_("자문위원회 간사만 볼 수 있는 화면입니다."))
    return me


def _year(request, years) -> int:
    """The year asked for (``?year=``), else this year; a value that is not a supported year (the
    core's ``year_parse``) is refused."""
    raw = request.GET.get("year")
    if raw is None:
        return timezone.localdate().year
    year = year_parse(raw)
    if year is None:
        raise Http404(_("연도를 알 수 없습니다."))
    return year


def _refused(error) -> list[str]:
    return list(error.messages)


# --- the committee page -----------------------------------------------------------------------------


def committee(request):
    """The committee page. Its members, ceremonies and the year's meetings are the same for every
    reader of one role (a secretary also sees meetings whose minutes are drafts): the rendered
    fragment is kept per advisory generation, day (a term starts or ends), role, year and
    language, and the lists are read only when it is not kept."""
    me = _me(request)
    is_secretary = services.is_secretary(me)
    years = selectors.meeting_years()
    year = _year(request, years)
    this_year = timezone.localdate().year
    groups = SimpleLazyObject(selectors.committee)

    def meetings_read():
        if is_secretary:
            return list(selectors.all_meetings(year=year))
        return list(selectors.approved_meetings(year=year))

    role = "secretary" if is_secretary else "staff"
    context = {
        "groups": groups,
        "has_past": SimpleLazyObject(lambda: any(group.past for group in groups)),
        "meetings": SimpleLazyObject(meetings_read),
        "year": year,
        "years": sorted(set(years) | {this_year}, reverse=True),
        "ceremonies": SimpleLazyObject(selectors.ceremonies),
        "is_secretary": is_secretary,
        "body_key": f"{advisory_generation()}:{timezone.localdate()}:{role}:{year}:{get_language()}",
        "body_seconds": SAFETY_SECONDS,
    }
    return render(request, "advisory/committee.html", context)


def ceremony(request, pk):
    try:
        record = selectors.ceremony_detail(pk=pk)
    except Ceremony.DoesNotExist:
        raise Http404(_("그런 위촉식이 없습니다.")) from None
    return render(request, "advisory/ceremony.html", {"ceremony": record})


# --- members and terms (secretaries) ------------------------------------------------------------------


def members(request):
    _secretary(request)
    return render(request, "advisory/members.html", {"groups": selectors.committee()})


def member_edit(request, pk=None):
    me = _secretary(request)
    member = get_object_or_404(Member, pk=pk) if pk else None
    form = MemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            record = services.member_save(by=me, fields=form.cleaned_data, member=member)
        except services.AdvisoryError as error:
            form.add_error(None, _refused(error))
        else:
            messages.success(request, _("%(name)s 위원을 저장했습니다.") % {"name": record.name})
            return redirect(record.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "advisory/member_form.html", {"form": form, "member": member}, status=status)


def member(request, pk, term_form=None, status=200):
    _secretary(request)
    record = get_object_or_404(Member.objects.select_related("domain"), pk=pk)
    context = {
        "member": record,
        "terms": list(record.terms.select_related("ceremony").order_by("starts_on")),
        "term_form": term_form or TermForm(),
    }
    return render(request, "advisory/member.html", context, status=status)


@require_POST
def term_appoint(request, pk):
    me = _secretary(request)
    record = get_object_or_404(Member, pk=pk)
    form = TermForm(request.POST)
    if form.is_valid():
        try:
            term = services.term_appoint(by=me, member=record, **form.cleaned_data)
        except services.AdvisoryError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, _refused(error))
        else:
            messages.success(
                request,
                _("%(name)s 위원을 위촉했습니다. 위촉장 번호: %(number)s")
                % {"name": record.name, "number": term.letter_number},
            )
            return redirect(record.get_absolute_url())
    return member(request, pk, term_form=form, status=400)


def letter(request, pk):
    from .letter import agency_name, letter_pdf

    me = _secretary(request)
    term = get_object_or_404(Term.objects.select_related("member", "member__domain"), pk=pk)
    services.letter_issue(by=me, term=term)
    response = HttpResponse(letter_pdf(term=term, agency=agency_name()), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="appointment-{term.letter_number or term.pk}.pdf"'
    )
    return response


# --- meetings ---------------------------------------------------------------------------------------


def _meeting_or_404(pk, *, secretary: bool) -> Meeting:
    try:
        meeting = selectors.meeting_detail(pk=pk)
    except Meeting.DoesNotExist:
        raise Http404(_("그런 회의가 없습니다.")) from None
    if not meeting.is_approved and not secretary:
        raise Http404(_("회의록이 확정되지 않은 회의입니다."))
    return meeting


def meeting(request, pk, forms=None, status=200):
    me = _me(request)
    is_secretary = services.is_secretary(me)
    record = _meeting_or_404(pk, secretary=is_secretary)
    items = selectors.meeting_items(meeting=record)
    rows = {row.item.pk: row for row in selectors.quorum(meeting=record)}
    for item in items:
        item.quorum_row = rows.get(item.pk)
    context = {
        "meeting": record,
        "items": items,
        "attendance": selectors.meeting_attendance(meeting=record),
        "is_secretary": is_secretary,
    }
    if is_secretary and not record.is_approved:
        enrolled = services.enrolled_members(meeting=record)
        present = [a.member for a in context["attendance"] if a.present]
        forms = forms or {}
        context.update(
            enrolled=enrolled,
            item_form=forms.get("item") or AgendaItemForm(),
            attendance_form=forms.get("attendance")
            or AttendanceForm(members=enrolled, initial={"present": [m.pk for m in present]}),
            recusal_form=forms.get("recusal") or RecusalForm(items=items, members=present),
            advice_form=forms.get("advice") or AdviceForm(items=items, members=present),
        )
    return render(request, "advisory/meeting.html", context, status=status)


def meeting_edit(request, pk=None):
    me = _secretary(request)
    record = get_object_or_404(Meeting, pk=pk) if pk else None
    if record is not None and record.is_approved:
        messages.error(
            request, _("%(title)s 회의록은 확정되어 더 고칠 수 없습니다.") % {"title": record.title}
        )
        return redirect(record.get_absolute_url())
    form = MeetingForm(request.POST or None, instance=record)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.meeting_save(by=me, fields=form.cleaned_data, meeting=record)
        except services.AdvisoryError as error:
            form.add_error(None, _refused(error))
        else:
            messages.success(request, _("회의를 저장했습니다."))
            return redirect(saved.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "advisory/meeting_form.html", {"form": form, "meeting": record}, status=status)


def _meeting_post(request, pk, key, build, act, success):
    """A secretary's form on the meeting page: on refusal the page is shown again with the message."""
    me = _secretary(request)
    record = get_object_or_404(Meeting, pk=pk)
    items = selectors.meeting_items(meeting=record)
    form = build(record, items)
    if form.is_valid():
        try:
            act(me, record, items, form.cleaned_data)
        except services.AdvisoryError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, _refused(error))
        else:
            messages.success(request, success)
            return redirect(record.get_absolute_url())
    return meeting(request, pk, forms={key: form}, status=400)


def _present(record):
    return [a.member for a in selectors.meeting_attendance(meeting=record) if a.present]


@require_POST
def item_add(request, pk):
    return _meeting_post(
        request,
        pk,
        "item",
        lambda record, items: AgendaItemForm(request.POST, request.FILES),
        lambda me, record, items, data: services.agenda_item_add(by=me, meeting=record, **data),
        _("안건을 추가했습니다."),
    )


@require_POST
def attendance(request, pk):
    return _meeting_post(
        request,
        pk,
        "attendance",
        lambda record, items: AttendanceForm(request.POST, members=services.enrolled_members(meeting=record)),
        lambda me, record, items, data: services.attendance_record(
            by=me, meeting=record, present=data["present"]
        ),
        _("출석을 기록했습니다."),
    )


def _by_pk(rows, pk):
    return next(r for r in rows if str(r.pk) == str(pk))


@require_POST
def recusal(request, pk):
    return _meeting_post(
        request,
        pk,
        "recusal",
        lambda record, items: RecusalForm(request.POST, items=items, members=_present(record)),
        lambda me, record, items, data: services.recusal_declare(
            by=me,
            item=_by_pk(items, data["item"]),
            member=_by_pk(_present(record), data["member"]),
            reason=data["reason"],
        ),
        _("이해충돌 회피를 기록했습니다. 이 위원은 해당 안건의 정족수에서 빠집니다."),
    )


@require_POST
def advice_add(request, pk):
    return _meeting_post(
        request,
        pk,
        "advice",
        lambda record, items: AdviceForm(request.POST, items=items, members=_present(record)),
        lambda me, record, items, data: services.advice_give(
            by=me,
            item=_by_pk(items, data["item"]),
            text=data["text"],
            domain=data["domain"],
            department=data["department"],
            due_on=data["due_on"],
            given_by=data["given_by"],
            programme=data["programme"],
        ),
        _("자문의견을 기록했습니다."),
    )


@require_POST
def minutes_approve(request, pk):
    me = _secretary(request)
    record = get_object_or_404(Meeting, pk=pk)
    try:
        services.minutes_approve(by=me, meeting=record)
    except services.AdvisoryError as error:
        for message in _refused(error):
            messages.error(request, message)
    else:
        messages.success(request, _("회의록을 확정했습니다. 이제 직원에게 공개됩니다."))
    return redirect(record.get_absolute_url())


def item_document(request, pk):
    item = get_object_or_404(AgendaItem.objects.select_related("meeting"), pk=pk)
    if not item.meeting.is_approved and not services.is_secretary(_me(request)):
        raise Http404(_("회의록이 확정되지 않은 회의입니다."))
    return private_file_response(item.document)


def allowances(request):
    from .export import allowance_workbook

    _secretary(request)
    year = _year(request, [])
    response = HttpResponse(allowance_workbook(rows=selectors.allowance_rows(year=year)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="advisory-allowances-{year}.xlsx"'
    return response


# --- advice -----------------------------------------------------------------------------------------


def _advice_filter(request, *, is_secretary: bool | None = None):
    if is_secretary is None:
        is_secretary = services.is_secretary(_me(request))
    queryset = selectors.advice_list()
    if not is_secretary:
        queryset = queryset.filter(meeting__minutes_status=Meeting.MinutesStatus.APPROVED)
    return AdviceFilter(request.GET or None, queryset=queryset, years=selectors.meeting_years())


def advice_list(request):
    """The advice table. A secretary sees every meeting's advice, everyone else only what was
    given at meetings with approved minutes: the filter form and the table are the same for
    every reader of one of the two, so the rendered fragment is kept per advisory generation
    (any advice, meeting or domain write), directory generation (a renamed department), role,
    language and query string; the filter and the table are built only when it is not kept."""
    is_secretary = services.is_secretary(_me(request))
    advice_filter = SimpleLazyObject(lambda: _advice_filter(request, is_secretary=is_secretary))

    def table_build():
        # Only what the table shows (the export reads the item and the programme too): an advice
        # row joined to five models built five instances of every column.
        rows = advice_filter.qs.select_related(None).select_related("meeting", "domain", "department")
        table = AdviceTable(rows.only(*ADVICE_TABLE_FIELDS))
        RequestConfig(request, paginate={"per_page": 25}).configure(table)
        return table

    query = request.GET.urlencode()
    role = "secretary" if is_secretary else "staff"
    context = {
        "filter": advice_filter,
        "table": SimpleLazyObject(table_build),
        "query": query,
        "is_secretary": is_secretary,
        "results_key": f"{advisory_generation()}:{directory_generation()}:{role}:{get_language()}:{query}",
        "results_seconds": SAFETY_SECONDS,
    }
    return render(request, "advisory/advice_list.html", context)


def advice_export(request):
    from .export import advice_workbook

    advice_filter = _advice_filter(request)
    table = AdviceTable(advice_filter.qs)
    RequestConfig(request, paginate=False).configure(table)  # the same order as the page
    response = HttpResponse(advice_workbook(rows=list(table.data)), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="advisory-advice.xlsx"'
    return response


def _advice_or_404(request, pk) -> Advice:
    try:
        advice = selectors.advice_detail(pk=pk)
    except Advice.DoesNotExist:
        raise Http404(_("그런 자문의견이 없습니다.")) from None
    if not advice.meeting.is_approved and not services.is_secretary(_me(request)):
        raise Http404(_("회의록이 확정되지 않은 회의의 자문의견입니다."))
    return advice


def advice(request, pk, forms=None, status=200):
    me = _me(request)
    record = _advice_or_404(request, pk)
    forms = forms or {}
    may_answer = services.may_answer(me, record)
    context = {
        "advice": record,
        "may_answer": may_answer,
        "is_secretary": services.is_secretary(me),
        "response_form": forms.get("response") or ResponseForm(),
        "progress_form": forms.get("progress") or ProgressForm(initial={"progress": record.progress}),
    }
    return render(request, "advisory/advice.html", context, status=status)


def _advice_post(request, pk, key, form, act, success):
    me = _me(request)
    record = _advice_or_404(request, pk)
    if not services.may_answer(me, record):
        raise PermissionDenied(_("자문의견에는 담당 부서의 부서장만 회신할 수 있습니다."))
    if form.is_valid():
        try:
            act(me, record, form.cleaned_data)
        except services.AdvisoryError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, _refused(error))
        else:
            messages.success(request, success)
            return redirect(record.get_absolute_url())
    return advice(request, pk, forms={key: form}, status=400)


@require_POST
def advice_respond(request, pk):
    return _advice_post(
        request,
        pk,
        "response",
        ResponseForm(request.POST),
        lambda me, record, data: services.advice_respond(by=me, advice=record, **data),
        _("회신을 저장했습니다."),
    )


@require_POST
def advice_progress(request, pk):
    return _advice_post(
        request,
        pk,
        "progress",
        ProgressForm(request.POST, request.FILES),
        lambda me, record, data: services.advice_progress(by=me, advice=record, **data),
        _("이행 실적을 저장했습니다."),
    )


@require_POST
def advice_close(request, pk):
    me = _secretary(request)
    record = _advice_or_404(request, pk)
    try:
        services.advice_close(by=me, advice=record)
    except services.AdvisoryError as error:
        for message in _refused(error):
            messages.error(request, message)
    else:
        messages.success(request, _("자문의견을 종결했습니다."))
    return redirect(record.get_absolute_url())


def evidence(request, pk):
    update = get_object_or_404(AdviceUpdate.objects.select_related("advice__meeting"), pk=pk)
    if not update.advice.meeting.is_approved and not services.is_secretary(_me(request)):
        raise Http404(_("파일을 찾을 수 없습니다."))
    return private_file_response(update.evidence)
