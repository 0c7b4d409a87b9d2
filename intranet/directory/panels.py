"""The directory's panels on the home dashboard."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from intranet.kept_queries import KeptQuery
from intranet.registry import Panel, dashboard_panels

from . import selectors
from .cache import cached
from .models import Department, Staff

DEPARTMENT_TREE_KEY = "department-tree"
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
class Member:
    employee_number: str
    name: str
    position: str
    extension: str

    def get_absolute_url(self) -> str:
        return reverse("directory:profile", kwargs={"employee_number": self.employee_number})


def my_profile(request):
    me = selectors.staff_for_user(request.user)
    if me is None:
        return None
    return {"person": me}


def my_department(request):
    me = selectors.staff_for_user(request.user)
    if me is None or me.department_id is None:
        return None
    members = [Member(*row) for row in MEMBERS.rows(department=me.department_id)]
    return {
        "department": me.department,
        "head": me.department.head if me.department.head_id else None,
        "members": members,
        "path": department_path_names(me.department),
    }


def department_tree() -> dict[int, tuple[int | None, str]]:
    """``{pk: (parent pk, name)}`` of every department (inactive ones too, as
    ``selectors.department_path`` reads them), kept with the directory's other figures: any
    department save, the HR import and the demo start a new generation (``directory/cache.py``).
    At 1,747 teams the recursive path query cost more than the rest of the panel."""
    return cached(
        DEPARTMENT_TREE_KEY,
        lambda: {
            pk: (parent, name)
            for pk, parent, name in Department.objects.values_list("pk", "parent_id", "name")
        },
    )


def department_path_names(department) -> list[str]:
    """The names from the root down to ``department``, without a query; a cycle (bad data) ends
    at the first repeat, as in ``selectors.department_path``."""
    tree = department_tree()
    names, seen, pk = [], set(), department.pk
    while pk is not None and pk in tree and pk not in seen:
        seen.add(pk)
        parent, name = tree[pk]
        names.append(name)
        pk = parent
    return list(reversed(names)) or [department.name]


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
