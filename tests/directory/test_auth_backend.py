"""The log-in backend reads the person's directory record with the user (``directory/auth.py``)."""

import pytest
from django.contrib.auth import SESSION_KEY
from django.urls import reverse

from intranet.directory.auth import StaffModelBackend
from intranet.directory.selectors import staff_for_user
from tests.factories import DEMO_PASSWORD, DepartmentFactory, StaffFactory, UserFactory, staff_with_login

pytestmark = pytest.mark.django_db


def test_the_user_comes_with_staff_department_and_head(django_assert_num_queries):
    head = StaffFactory(name="부서장")
    department = DepartmentFactory(name="정보체계팀", head=head)
    person = staff_with_login(department=department)
    with django_assert_num_queries(1):
        user = StaffModelBackend().get_user(person.user.pk)
    with django_assert_num_queries(0):
        me = staff_for_user(user)
        assert (me.pk, me.department.name, me.department.head.name) == (person.pk, "정보체계팀", "부서장")


def test_a_log_in_without_a_directory_record_has_no_staff(django_assert_num_queries):
    user = UserFactory(roles=["staff"])
    found = StaffModelBackend().get_user(user.pk)
    with django_assert_num_queries(0):
        assert found == user and staff_for_user(found) is None


def test_inactive_and_unknown_users_are_not_loaded():
    person = staff_with_login()
    person.user.is_active = False
    person.user.save(update_fields=["is_active"])
    backend = StaffModelBackend()
    assert backend.get_user(person.user.pk) is None
    assert backend.get_user(10**9) is None


def test_a_real_log_in_goes_through_this_backend(client):
    person = staff_with_login()
    answer = client.post(reverse("login"), {"username": person.user.username, "password": DEMO_PASSWORD})
    assert answer.status_code == 302
    assert client.session[SESSION_KEY] == str(person.user.pk)
    assert client.session["_auth_user_backend"] == "intranet.directory.auth.StaffModelBackend"
    response = client.get("/directory/")
    assert response.status_code == 200 and response.wsgi_request.user._ieum_staff == person


def test_the_user_comes_with_the_names_of_their_role_groups(django_assert_num_queries):
    from django.contrib.auth.models import Group

    from intranet.roles import Role, can_open_admin, has_role

    person = staff_with_login(roles=["staff", "planner"])
    person.user.groups.add(Group.objects.create(name="외부, 협력 (쉼표·괄호)"))
    with django_assert_num_queries(1):
        user = StaffModelBackend().get_user(person.user.pk)
    with django_assert_num_queries(0):
        assert user._ieum_role_names == {"staff", "planner", "외부, 협력 (쉼표·괄호)"}
        assert has_role(user, Role.PLANNER) and not has_role(user, Role.HR_ADMIN)
        assert can_open_admin(user)
    # A change of roles is read with the user on the next request.
    person.user.groups.remove(Group.objects.get(name="planner"))
    again = StaffModelBackend().get_user(person.user.pk)
    assert again._ieum_role_names == {"staff", "외부, 협력 (쉼표·괄호)"}
    assert not has_role(again, Role.PLANNER) and not can_open_admin(again)


def test_a_user_without_groups_holds_no_role(django_assert_num_queries):
    from intranet.roles import Role, can_open_admin, has_role

    person = staff_with_login(roles=[])
    person.user.groups.clear()
    user = StaffModelBackend().get_user(person.user.pk)
    with django_assert_num_queries(0):
        assert user._ieum_role_names == set()
        assert not has_role(user, Role.STAFF) and not can_open_admin(user)


def test_a_page_asks_the_roles_with_the_user(login_as):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login_as("planner")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/performance/")
    assert response.status_code == 200
    assert b'href="/admin/"' in response.content  # the planner's admin link: the role was read
    assert not [q for q in captured if 'FROM "auth_group"' in q["sql"].split("(SELECT")[0]]
