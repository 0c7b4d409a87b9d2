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


def test_the_user_is_the_one_the_orm_reads_field_for_field():
    """The backend's query is compiled once per process (``KeptObjectsQuery``): what it builds
    is what ``select_related`` would, for each person it is asked about in turn."""
    people = [staff_with_login(department=DepartmentFactory(head=StaffFactory())), staff_with_login()]
    people.append(staff_with_login(department=None))
    backend = StaffModelBackend()
    for person in people * 2:
        user = backend.get_user(person.user.pk)
        expected = type(user).objects.select_related("staff__department__head").get(pk=person.user.pk)
        assert {k: v for k, v in vars(user).items() if not k.startswith("_")} == {
            k: v for k, v in vars(expected).items() if not k.startswith("_")
        }
        assert user._ieum_staff == expected.staff and user._ieum_staff.department == expected.staff.department


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
