from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from intranet.directory.selectors import staff_for_user
from intranet.media import media_response
from intranet.routing import site_for_request

from . import selectors, services
from .models import Notification


def search(request):
    query = request.GET.get("q", "").strip()[:100]
    site_for_request(request)  # the pages' links ask for the site: the kept one, not a query
    results = selectors.site_search(query=query) if query else {"staff": [], "pages": []}
    return render(request, "home/search.html", {"query": query, **results})


def _me_or_404(request):
    me = staff_for_user(request.user)
    if me is None:
        raise Http404(_("직원 명부에 연결된 계정이 아닙니다."))
    return me


def notification_list(request):
    me = _me_or_404(request)
    page = Paginator(selectors.notifications_for(staff=me), 20).get_page(request.GET.get("page"))
    return render(request, "home/notifications.html", {"page_obj": page})


@require_POST
def notification_read(request):
    me = _me_or_404(request)
    notification_id = request.POST.get("notification")
    count = services.notification_mark_read(
        staff=me, notification_id=int(notification_id) if (notification_id or "").isdigit() else None
    )
    if count:
        messages.success(request, _("알림을 읽음으로 표시했습니다."))
    return redirect("notifications:list")


def notification_open(request, notification_id):
    me = _me_or_404(request)
    notification = get_object_or_404(Notification, pk=notification_id, recipient=me)
    services.notification_mark_read(staff=me, notification_id=notification.pk)
    target = notification.url
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("notifications:list")


def media(request, path):
    """Public uploads for signed-in staff (the login middleware guards this view); see
    ``intranet.media`` for what is refused and how each file goes out."""
    return media_response(path)
