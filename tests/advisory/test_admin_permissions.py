"""Who gets what on every admin URL of the committee (the runner of tests/permissions.py).

The committee secretary keeps the domains, the members and the appointment ceremonies in the admin;
every other admin role is denied, and staff without admin rights are sent back to the site."""

import datetime as dt

from advisory.models import Ceremony
from intranet.roles import Role
from tests.advisory.builders import domain, member, secretary
from tests.permissions import SUPERUSER, admin_visitors, check_routes, model_viewset_routes

SECRETARIES = dict.fromkeys((Role.COMMITTEE_SECRETARY, SUPERUSER), 200)
VIEWSETS = (
    ("advisory_members", "member"),
    ("advisory_domains", "domain"),
    ("advisory_ceremonies", "ceremony"),
)
ADMIN_ROUTES = {
    route: row
    for prefix, label in VIEWSETS
    for route, row in model_viewset_routes(prefix, SECRETARIES, label).items()
}


def world() -> dict:
    sec = secretary()
    return {
        "member": member(sec, name="문가영", domain_name="법률"),
        "domain": domain("IT"),
        "ceremony": Ceremony.objects.create(title="2025년 위촉식", held_on=dt.date(2025, 3, 14)),
    }


def test_admin_routes(login_as):
    check_routes(admin_visitors(login_as), ADMIN_ROUTES, world())
