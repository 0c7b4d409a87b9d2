"""The attacks of issue 12 §3 and the way in of issue 15 §4, told as a person meets them (the
matrices say who gets what on every admin URL; these check what is, and is not, on the screen)."""

import pytest
from django.contrib.messages import get_messages

from intranet.directory.models import PersonalDataAccess
from intranet.roles import Role
from tests.factories import StaffFactory

CHOOSER = "/admin/snippets/choose/directory/personaldataaccess/results/"


@pytest.fixture
def looked_up(db):
    """HR looked at 박비밀's mobile number."""
    return PersonalDataAccess.objects.create(
        viewer=StaffFactory(name="인사담당"), subject=StaffFactory(name="박비밀"), fields="mobile", path="/x/"
    )


@pytest.mark.parametrize(
    "role",
    [
        Role.COMMITTEE_SECRETARY,
        Role.LEADER,
        Role.EDITOR,
        Role.PLANNER,
        Role.LEARNING_ADMIN,
        Role.SURVEY_ADMIN,
    ],
)
def test_no_other_admin_role_lists_whom_hr_looked_up(login_as, looked_up, role):
    client = login_as(role)
    for url in (
        CHOOSER,
        "/admin/snippets/choose/directory/personaldataaccess/",
        "/admin/reports/site-history/",
    ):
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/admin/"), url
        assert "박비밀" not in response.content.decode()
    bulk = client.get(f"/admin/bulk/directory/personaldataaccess/delete/?id={looked_up.pk}")
    assert bulk.status_code == 302


def test_hr_admin_lists_the_log_and_not_even_a_superuser_deletes_it_in_bulk(login_as, looked_up):
    assert "박비밀" in login_as(Role.HR_ADMIN).get(CHOOSER).content.decode()
    superuser = login_as()
    superuser.staff.user.is_superuser = True
    superuser.staff.user.save()
    response = superuser.post(
        f"/admin/bulk/directory/personaldataaccess/delete/?id={looked_up.pk}", {"id": [looked_up.pk]}
    )
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert PersonalDataAccess.objects.filter(pk=looked_up.pk).exists()


def test_choosing_a_person_shows_only_people_still_here_to_roles_that_only_choose(login_as):
    StaffFactory(name="퇴직자", is_active=False)
    StaffFactory(name="재직자")
    survey_admin = login_as(Role.SURVEY_ADMIN).get("/admin/snippets/choose/directory/staff/results/").content
    hr = login_as(Role.HR_ADMIN).get("/admin/snippets/choose/directory/staff/results/").content
    assert "재직자" in survey_admin.decode() and "퇴직자" not in survey_admin.decode()
    assert "퇴직자" in hr.decode()


def test_staff_without_admin_rights_are_sent_to_the_site_with_a_korean_message(login_as):
    client = login_as()
    for url in ("/admin/", "/admin/login/"):
        client.cookies.pop("messages", None)
        response = client.get(url)
        assert (response.status_code, response["Location"]) == (302, "/"), url
        [message] = get_messages(response.wsgi_request)
        assert "관리 화면" in str(message)
    client.cookies.pop("messages", None)
    home = client.get("/admin/", follow=True)
    assert "관리 화면은 담당 역할이 있는 직원만" in home.content.decode()
    assert "wagtail" not in home.redirect_chain[-1][0]


def test_anonymous_visitors_meet_the_sites_own_log_in(client, db):
    assert client.get("/admin/")["Location"] == "/accounts/login/?next=/admin/"
    assert client.get("/admin/login/?next=/admin/pages/")["Location"] == "/accounts/login/?next=/admin/pages/"
