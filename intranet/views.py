"""Core views that belong to no module."""

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.db import connection
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 with a database ping, for monitoring and as the load benchmark's baseline."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


@require_POST
def feed_key_renew(request):
    """Give the person a new feed key: every calendar and RSS address given out before stops."""
    from intranet.directory.selectors import staff_for_user
    from intranet.feedkeys import feed_key_renew as renew

    me = staff_for_user(request.user)
    if me is None:
        raise Http404(_("직원 정보가 없는 계정입니다."))
    renew(staff_id=me.pk)
    messages.success(request, _("구독 주소를 새로 만들었습니다. 예전 주소는 더 이상 열리지 않습니다."))
    return redirect(reverse("directory:profile", args=[me.employee_number]) + "#feeds")
