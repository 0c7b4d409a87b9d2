"""The directory's panels on the home dashboard."""

from django.utils.translation import gettext_lazy as _

from intranet.registry import Panel, dashboard_panels

from . import selectors


def my_profile(request):
    me = selectors.staff_for_user(request.user)
    if me is None:
        return None
    return {"person": me}


def my_department(request):
    me = selectors.staff_for_user(request.user)
    if me is None or me.department_id is None:
        return None
    members = list(selectors.department_members(department=me.department)[:12])
    return {
        "department": me.department,
        "head": me.department.head if me.department.head_id else None,
        "members": members,
        "path": selectors.department_path(me.department),
    }


dashboard_panels.register(
    Panel(
        key="directory.my_profile",
        title=_("내 프로필"),
        template="directory/panels/my_profile.html",
        provider=my_profile,
        order=10,
    )
)
dashboard_panels.register(
    Panel(
        key="directory.my_department",
        title=_("우리 부서"),
        template="directory/panels/my_department.html",
        provider=my_department,
        order=20,
    )
)
