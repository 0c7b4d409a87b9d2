"""Study club pages: the list, a club's page, and the leader's forms (edit, meeting, entry);
join and leave for members of an open club."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.directory.selectors import staff_for_user

from . import selectors, services
from .forms import ClubEditForm, EntryForm, MeetingForm
from .models import Club


def _me(request):
    me = staff_for_user(request.user)
    if me is None:
        raise Http404(_("직원 명부에 연결된 계정이 아닙니다."))
    return me


def _managed_club(request, pk):
    me = _me(request)
    club = get_object_or_404(Club.objects.select_related("leader"), pk=pk)
    if not services.can_manage(club=club, staff=me):
        raise PermissionDenied(_("동호회 리더와 교육 관리자만 고칠 수 있습니다."))
    return me, club


def _service_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def club_list(request):
    me = staff_for_user(request.user)
    clubs = list(selectors.club_list())
    mine = {c.pk for c in selectors.clubs_of(staff=me)} if me else set()
    return render(request, "learning_clubs/list.html", {"clubs": clubs, "mine": mine})


def club_detail(request, pk):
    me = _me(request)
    try:
        page = selectors.club_page(pk=pk)
    except Club.DoesNotExist:
        raise Http404(_("그런 학습 동호회가 없습니다.")) from None
    is_member = any(m.pk == me.pk for m in page.members)
    context = {
        "club": page.club,
        "page": page,
        "is_member": is_member,
        "can_manage": services.can_manage(club=page.club, staff=me),
        "is_leader": page.club.leader_id == me.pk,
    }
    return render(request, "learning_clubs/detail.html", context)


def club_edit(request, pk):
    me, club = _managed_club(request, pk)
    posted = request.method == "POST"
    form = ClubEditForm(
        request.POST if posted else None, initial={"description": club.description, "is_open": club.is_open}
    )
    if posted and form.is_valid():
        services.club_update(club=club, by=me, **form.cleaned_data)
        messages.success(request, _("동호회 정보를 저장했습니다."))
        return redirect(club.get_absolute_url())
    return render(
        request, "learning_clubs/form.html", {"club": club, "form": form, "heading": _("동호회 정보 고치기")}
    )


def _member_form(request, pk, form_class, save, *, heading, done):
    me, club = _managed_club(request, pk)
    members = selectors.club_page(pk=club.pk, meetings_shown=0).members
    posted = request.method == "POST"
    form = form_class(request.POST if posted else None, members=members)
    if posted and form.is_valid():
        try:
            save(club=club, by=me, **form.cleaned_data)
        except services.ClubError as error:
            _service_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(club.get_absolute_url())
    if posted:
        messages.error(request, _("입력한 내용을 확인해 주세요. 표시된 항목에 오류가 있습니다."))
    return render(request, "learning_clubs/form.html", {"club": club, "form": form, "heading": heading})


def meeting_new(request, pk):
    return _member_form(
        request, pk, MeetingForm, services.meeting_log, heading=_("모임 기록"), done=_("모임을 기록했습니다.")
    )


def entry_new(request, pk):
    return _member_form(
        request,
        pk,
        EntryForm,
        services.entry_record,
        heading=_("경진대회 참가 기록"),
        done=_("경진대회 참가를 기록했습니다."),
    )


@require_POST
def club_join(request, pk):
    me = _me(request)
    club = get_object_or_404(Club, pk=pk)
    try:
        services.club_join(club=club, staff=me)
    except services.ClubError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("'%(club)s'에 가입했습니다.") % {"club": club.name})
    return redirect(club.get_absolute_url())


@require_POST
def club_leave(request, pk):
    me = _me(request)
    club = get_object_or_404(Club, pk=pk)
    try:
        left = services.club_leave(club=club, staff=me)
    except services.ClubError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if left:
            messages.success(request, _("'%(club)s'에서 탈퇴했습니다.") % {"club": club.name})
    return redirect(club.get_absolute_url())
