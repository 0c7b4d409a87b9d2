"""Who gets what on every admin URL of the performance programme, per role (tests/permissions.py).

Planners own plans, programmes and contests; proposals come from the site's form, so planners
review them here but do not add or delete them. Nobody else sees these records in a chooser."""

from django.utils import timezone

from intranet.roles import Role
from performance.models import Proposal
from performance.services import contest_setup
from tests.factories import StaffFactory
from tests.performance.builders import build_plan, build_programme, planner
from tests.permissions import SUPERUSER, admin_visitors, check_routes, snippet_routes

PLANNERS = (Role.PLANNER, SUPERUSER)
ALL = dict.fromkeys(("any", "add", "change", "delete", "choose", "create"), PLANNERS)
ADMIN_ROUTES = {
    **snippet_routes("performance.plan", **ALL),
    **snippet_routes("performance.programme", **ALL),
    **snippet_routes("performance.contest", **ALL),
    **snippet_routes(
        "performance.proposal",
        any=PLANNERS,
        add=(SUPERUSER,),
        change=PLANNERS,
        delete=(SUPERUSER,),
        choose=PLANNERS,
        create=(SUPERUSER,),
    ),
}


def world() -> dict:
    year = timezone.localdate().year
    plan = build_plan(year)
    other = StaffFactory()
    programme = build_programme(plan, code="P-1", owner=other, department=other.department)
    contest = contest_setup(
        plan=plan,
        by=planner(),
        title="대회",
        entries_close_on=timezone.localdate(),
        criteria=[("탁월성", 100)],
        judges=[other],
    )
    return {
        "performance.plan": plan,
        "performance.programme": programme,
        "performance.contest": contest,
        "performance.proposal": Proposal.objects.create(proposer=other, title="제안", body="내용"),
    }


def test_admin_routes(login_as):
    check_routes(admin_visitors(login_as), ADMIN_ROUTES, world())
