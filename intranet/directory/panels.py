"""The directory's panels on the home dashboard."""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from intranet.kept_queries import KeptQuery
from intranet.links import LinkedRow, url_maker
from intranet.registry import Panel, dashboard_panels

from . import selectors
from .models import Staff

# ``selectors.department_members`` as the four columns the panel shows, compiled once a process.
MEMBERS = KeptQuery(
    lambda department: (
        Staff.objects.filter(is_active=True, department_id=department)
        .order_by("name")
        .values_list("employee_number", "name", "position", "extension")[:12]
    ),
    "department",
)


@dataclass(frozen=True)
class Member(LinkedRow):
    name: str
    position: str
    extension: str
    url: str


def profile_url_maker():
    """``Staff.get_absolute_url`` for many people from one ``reverse`` (an employee number
    holds no ``/``)."""
    return url_maker("directory:profile", "employee_number")


def my_profile(request):
    me = selectors.staff_for_user(request.user)
    if me is None:
        return None
    return {"person": me}


def my_department(request):
    me = selectors.staff_for_user(request.user)
    if me is None or me.department_id is None:
        return None
    url = profile_url_maker()
    members = [
        Member(name, position, extension, url(number))
        for number, name, position, extension in MEMBERS.rows(department=me.department_id)
    ]
    # The list's items written here, as the template wrote them (every value escaped): a
    # template loop cost some 150 Python calls an item.
    members_html = mark_safe(
        "".join(
            format_html('<li><a href="{}">{}</a> {}', m.url, m.name, m.position)
            + (format_html(" · {}", m.extension) if m.extension else "")
            + "</li>"
            for m in members
        )
    )
    return {
        "department": me.department,
        "head": me.department.head if me.department.head_id else None,
        "members": members,
        "members_html": members_html,
        "path": [department.name for department in selectors.department_path(me.department)],
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
