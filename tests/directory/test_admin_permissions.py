"""Who gets what on every admin URL of the directory, per role (the runner of tests/permissions.py).

HR admins own the directory: departments and people (never deleted: people leave by deactivation),
the HR import and its runs, the personal-data access log, the lock-out record and the roles the
agency directory gave (docs/ldap.md), which they read and nobody writes, superusers included.
Survey admins, learning admins and editors may choose a person (and survey admins and editors a
department) in their own forms; nobody else sees these records in a chooser.
"""

from django.contrib.auth.models import Group

from intranet.directory.models import DirectoryRole, ImportRun, LockOut, PersonalDataAccess
from intranet.roles import Role
from tests.factories import StaffFactory, UserFactory
from tests.permissions import SUPERUSER, admin_row, admin_visitors, check_routes, snippet_routes

HR = (Role.HR_ADMIN, SUPERUSER)
CHOOSE_PEOPLE = (*HR, Role.SURVEY_ADMIN, Role.LEARNING_ADMIN, Role.EDITOR)
CHOOSE_DEPARTMENTS = (*HR, Role.SURVEY_ADMIN, Role.EDITOR)
NOBODY = ()
# Wagtail's history and usage screens ask for the change permission, which nobody holds on the
# audit records (their inspect screen shows them); the chooser's "create" tab asks for "add".
READ_ONLY = dict.fromkeys(["history", "history_results", "usage"], NOBODY)
ADMIN_ROUTES = {
    **snippet_routes(
        "directory.department", any=HR, add=HR, change=HR, delete=NOBODY, choose=CHOOSE_DEPARTMENTS, create=HR
    ),
    **snippet_routes(
        "directory.staff", any=HR, add=HR, change=HR, delete=NOBODY, choose=CHOOSE_PEOPLE, create=HR
    ),
    **snippet_routes("directory.importrun", any=HR, choose=HR, views=READ_ONLY),
    **snippet_routes("directory.personaldataaccess", any=HR, choose=HR, views=READ_ONLY),
    **snippet_routes("directory.lockout", any=HR, choose=HR, views=READ_ONLY),
    **snippet_routes("directory.directoryrole", any=HR, choose=HR, views=READ_ONLY),
    "admin/directory/import/": admin_row(dict.fromkeys(HR, 200)),
    "admin/directory/import/<int:pk>/": admin_row(dict.fromkeys(HR, 200), args={"pk": "directory.importrun"}),
    "admin/directory/import/<int:pk>/progress/": admin_row(
        dict.fromkeys(HR, 200), args={"pk": "directory.importrun"}
    ),
}


def world() -> dict:
    viewer, subject = StaffFactory(name="인사담당"), StaffFactory(name="이영희")
    return {
        "directory.department": subject.department,
        "directory.staff": subject,
        "directory.importrun": ImportRun.objects.create(
            kind=ImportRun.Kind.STAFF, file_name="staff.csv", checksum="0" * 64, uploaded_by=viewer
        ),
        "directory.personaldataaccess": PersonalDataAccess.objects.create(
            viewer=viewer, subject=subject, fields="mobile", path="/directory/x/"
        ),
        "directory.lockout": LockOut.objects.create(
            username="lee.younghee", staff=subject, ip_address="192.0.2.7"
        ),
        "directory.directoryrole": DirectoryRole.objects.create(
            user=UserFactory(),
            group=Group.objects.get(name=Role.PLANNER),
            group_dn="cn=planners,ou=groups,dc=agency,dc=example",
        ),
    }


def test_admin_routes(login_as):
    check_routes(admin_visitors(login_as), ADMIN_ROUTES, world())
