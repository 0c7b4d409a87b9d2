"""The newsroom's screens beneath its Wagtail pages: the card news archive, the editors' read
figures and acknowledgement lists, acknowledging a notice, the digest preference."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_tables2 import RequestConfig

from intranet.directory.selectors import staff_for_user
from intranet.roles import Role, has_role

from . import selectors, services
from .forms import SubscriptionForm
from .models import CardNewsIssuePage, NoticePage
from .tables import IssueReadsTable, PendingTable

PER_PAGE = 25


def _editor_only(request) -> None:
    if not has_role(request.user, Role.EDITOR):
        raise PermissionDenied(_("소식 편집자만 볼 수 있습니다."))


def _me(request):
    me = staff_for_user(request.user)
    if me is None:
        raise PermissionDenied(_("직원 정보가 연결되지 않은 계정입니다."))
    return me


def card_news_archive(request, year=None):
    data = selectors.archive(year=year)
    if year is not None and year not in data.years:
        raise Http404(_("이 해의 카드뉴스가 없습니다."))
    return render(request, "newsroom/archive.html", {"archive": data})


def issue_reads_list(request):
    _editor_only(request)
    table = IssueReadsTable(selectors.issues_with_reads())
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return render(request, "newsroom/issue_reads_list.html", {"table": table})


def issue_reads(request, pk):
    from intranet.surveys.results import SUPPRESSED_MESSAGE  # here: it brings pandas (read_figures)

    _editor_only(request)
    issue = get_object_or_404(CardNewsIssuePage, pk=pk)
    figures = selectors.read_figures(issue=issue)
    return render(
        request,
        "newsroom/issue_reads.html",
        {
            "issue": issue,
            "figures": figures,
            "min_readers": selectors.MIN_READERS,
            "suppressed_message": SUPPRESSED_MESSAGE,
        },
    )


@require_POST
def notice_acknowledge(request, pk):
    notice = get_object_or_404(NoticePage.objects.live(), pk=pk)
    created = services.notice_acknowledge(notice=notice, staff=_me(request))
    if created:
        messages.success(request, _("공지를 확인했습니다."))
    else:
        messages.info(request, _("이미 확인한 공지입니다."))
    return redirect(notice.url)


def notice_pending(request, pk):
    _editor_only(request)
    notice = get_object_or_404(NoticePage, pk=pk)
    if not notice.mandatory:
        raise Http404(_("확인 필수 공지가 아닙니다."))
    table = PendingTable(selectors.notice_pending(notice=notice))
    RequestConfig(request, paginate={"per_page": PER_PAGE}).configure(table)
    return render(
        request,
        "newsroom/notice_pending.html",
        {
            "notice": notice,
            "table": table,
            "acknowledged": selectors.notice_acknowledged_count(notice=notice),
        },
    )


def subscription(request):
    me = _me(request)
    current = selectors.subscription_of(staff=me)
    if request.method == "POST":
        form = SubscriptionForm(request.POST)
        if form.is_valid():
            services.subscription_set(staff=me, digest=form.cleaned_data["digest"])
            if form.cleaned_data["digest"]:
                messages.success(request, _("월간 카드뉴스 메일을 받습니다."))
            else:
                messages.success(request, _("월간 카드뉴스 메일을 받지 않습니다."))
            return redirect("newsroom:subscription")
    else:
        form = SubscriptionForm(initial={"digest": bool(current and current.digest)})
    return render(request, "newsroom/subscription.html", {"form": form, "me": me})
