"""Who gets what on every admin URL of the education site, its external records and study clubs,
per role (tests/permissions.py). Learning admins own sessions (never deleted: enrolments hang on
them), read external records (reviews go through the site's services, so nobody edits them here,
superusers included) and run the clubs."""

from intranet.roles import Role
from learning.clubs.models import CompetitionEntry, Meeting, Membership
from tests.factories import StaffFactory
from tests.learning.builders import build_session
from tests.learning.clubs.builders import build_club
from tests.learning.records.builders import submitted
from tests.permissions import SUPERUSER, admin_visitors, check_routes, snippet_routes

ADMINS = (Role.LEARNING_ADMIN, SUPERUSER)
ALL = dict.fromkeys(("any", "add", "change", "delete", "choose", "create"), ADMINS)
ADMIN_ROUTES = {
    **snippet_routes(
        "learning.session",
        any=ADMINS,
        add=ADMINS,
        change=ADMINS,
        delete=(SUPERUSER,),
        choose=ADMINS,
        create=ADMINS,
    ),
    # Wagtail's history and usage screens ask for "change", which nobody holds on the records.
    **snippet_routes(
        "learning_records.externalrecord",
        any=ADMINS,
        choose=ADMINS,
        views=dict.fromkeys(["history", "history_results", "usage"], ()),
    ),
    **snippet_routes("learning_clubs.club", **ALL),
    **snippet_routes("learning_clubs.membership", **ALL),
    **snippet_routes("learning_clubs.meeting", **ALL),
    **snippet_routes("learning_clubs.competitionentry", **ALL),
}


def world() -> dict:
    club, _people = build_club(meetings=1, entries=1)
    return {
        "learning.session": build_session(),
        "learning_records.externalrecord": submitted(StaffFactory()),
        "learning_clubs.club": club,
        "learning_clubs.membership": Membership.objects.filter(club=club).first(),
        "learning_clubs.meeting": Meeting.objects.filter(club=club).first(),
        "learning_clubs.competitionentry": CompetitionEntry.objects.filter(club=club).first(),
    }


def test_admin_routes(login_as):
    check_routes(admin_visitors(login_as), ADMIN_ROUTES, world())
