from django.utils.translation import gettext_lazy as _

from intranet.directory.selectors import staff_for_user
from intranet.roles import can_open_admin

NAVIGATION = [
    ("/", _("홈")),
    ("/directory/", _("직원 찾기")),
    ("/directory/org/", _("조직도")),
    ("/learning/", _("교육")),
    ("/performance/", _("성과")),
    ("/advisory/", _("자문")),
    ("/newsroom/", _("소식")),
    ("/surveys/", _("설문")),
]


def navigation(request):
    """The main menu, the signed-in person's record and their unread notification count."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"navigation": []}
    from intranet.home.selectors import unread_count

    me = staff_for_user(request.user)
    # A page may render several templates with the request context (django-tables2 does):
    # count once per request.
    if not hasattr(request, "_ieum_unread"):
        request._ieum_unread = unread_count(staff=me) if me else 0
    return {
        "navigation": NAVIGATION,
        "me": me,
        "unread_notifications": request._ieum_unread,
        "can_open_admin": can_open_admin(request.user),
    }
