"""The performance module's panel on the home dashboard and section on the staff profile."""

from django.utils.translation import gettext_lazy as _

from intranet.directory.selectors import staff_for_user
from intranet.registry import Panel, dashboard_panels, profile_sections

from . import selectors


def my_programmes(request):
    """Programmes I own or co-own in the open plans, with % and status; nothing when none."""
    me = staff_for_user(request.user)
    rows = selectors.person_programmes(staff_id=me.pk) if me else []
    if not rows:
        return None
    return {"rows": rows, "staff": me}


def person_programmes(request, person):
    """Programmes the person shown owns or co-owns in the open plans (one query once the plans'
    roll-ups are cached)."""
    rows = selectors.person_programmes(staff_id=person.pk)
    if not rows:
        return None
    return {"rows": rows, "staff": person}


dashboard_panels.register(
    Panel(
        key="performance.my_programmes",
        title=_("내 성과 과제"),
        template="performance/panels/my_programmes.html",
        provider=my_programmes,
        order=30,
    )
)
profile_sections.register(
    Panel(
        key="performance.programmes",
        title=_("담당 성과 과제"),
        template="performance/panels/my_programmes.html",
        provider=person_programmes,
        order=30,
    )
)
