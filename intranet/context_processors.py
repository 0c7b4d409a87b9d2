from django.utils.translation import gettext_lazy as _

from intranet.directory.selectors import staff_for_user
from intranet.roles import can_open_admin, role_names_known, role_names_remember

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
NAVIGATION_URLS = frozenset(url for url, _label in NAVIGATION)


def navigation(request):
    """The main menu, the signed-in person's record and their unread notification count.

    ``nav_current`` (the menu entry of this address, or "") and ``can_open_admin`` are the only
    things the menu depends on besides the language: ``base.html`` keeps the rendered menu per
    those (``{% per_language %}``)."""
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"navigation": []}
    from intranet.home.selectors import unread_count_and_roles

    user = request.user
    me = staff_for_user(user)
    # A page may render several templates with the request context (django-tables2 does):
    # count once per request, with the role groups in the same query unless already read.
    if not hasattr(request, "_ieum_unread"):
        known = role_names_known(user)
        unread, names = unread_count_and_roles(
            staff_id=me.pk if me else None, user_id=None if known else user.pk
        )
        if names is not None:
            role_names_remember(user, names)
        request._ieum_unread = unread
    return {
        "navigation": NAVIGATION,
        "nav_current": request.path if request.path in NAVIGATION_URLS else "",
        "me": me,
        "unread_notifications": request._ieum_unread,
        "can_open_admin": can_open_admin(user),
    }
