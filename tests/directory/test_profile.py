import pytest
from django.urls import reverse

from intranet.directory.models import PersonalDataAccess
from intranet.models import AppendOnlyError
from intranet.roles import Role
from tests.factories import StaffFactory


@pytest.fixture
def colleague(db):
    return StaffFactory(name="이영희", mobile="010-1234-5678", position="팀장")


def profile_url(person):
    return reverse("directory:profile", kwargs={"employee_number": person.employee_number})


def edit_url(person):
    return reverse("directory:profile_edit", kwargs={"employee_number": person.employee_number})


def test_colleague_sees_no_personal_fields_and_no_log(login_as, colleague):
    client = login_as()
    html = client.get(profile_url(colleague)).content.decode()
    assert "이영희" in html and "010-1234-5678" not in html
    assert not PersonalDataAccess.objects.exists()


def test_own_personal_fields_visible_without_log(login_as):
    client = login_as(mobile="010-9999-0000")
    html = client.get(profile_url(client.staff)).content.decode()
    assert "010-9999-0000" in html
    assert not PersonalDataAccess.objects.exists()


def test_hr_view_of_personal_fields_is_logged(login_as, colleague):
    client = login_as(Role.HR_ADMIN.value)
    response = client.post(profile_url(colleague), {"purpose": "hr_work"}, REMOTE_ADDR="10.1.2.3")
    assert "010-1234-5678" in response.content.decode()
    entry = PersonalDataAccess.objects.get()
    assert (entry.viewer, entry.subject, entry.fields, entry.purpose, entry.ip_address) == (
        client.staff,
        colleague,
        "mobile",
        "hr_work",
        "10.1.2.3",
    )


def test_access_log_is_append_only(login_as, colleague):
    client = login_as(Role.HR_ADMIN.value)
    client.post(profile_url(colleague), {"purpose": "hr_work"})
    entry = PersonalDataAccess.objects.get()
    entry.fields = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_completeness_links_to_missing_fields(login_as):
    client = login_as()
    html = client.get(profile_url(client.staff)).content.decode()
    assert 'data-testid="completeness"' in html
    assert f"{edit_url(client.staff)}#id_photo" in html
    assert client.staff.completeness_percent == 0


def test_staff_edits_only_safe_fields(login_as):
    client = login_as(name="김민수", grade="5급")
    response = client.post(
        edit_url(client.staff),
        {
            "extension": "2345",
            "skills": "클라우드, 데이터",
            "job_title": "교육 운영",
            "grade": "1급",
            "name": "해커",
        },
    )
    assert response.status_code == 302
    client.staff.refresh_from_db()
    assert (client.staff.extension, client.staff.grade, client.staff.name) == ("2345", "5급", "김민수")
    assert "클라우드" in client.staff.search_key


def test_bad_value_gets_korean_message_and_saves_nothing(login_as):
    client = login_as()
    response = client.post(edit_url(client.staff), {"extension": "내선없음", "bio": "소개"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "내선번호는 숫자와" in html
    client.staff.refresh_from_db()
    assert client.staff.bio == ""


def test_others_profile_cannot_be_edited(login_as, colleague):
    client = login_as()
    assert client.get(edit_url(colleague)).status_code == 403
    assert client.post(edit_url(colleague), {"extension": "1111"}).status_code == 403
    colleague.refresh_from_db()
    assert colleague.extension == ""


def test_hr_admin_edits_everything(login_as, colleague):
    client = login_as(Role.HR_ADMIN.value)
    response = client.post(
        edit_url(colleague),
        {
            "name": "이영희",
            "grade": "3급",
            "position": "부장",
            "department": colleague.department_id,
            "email": "y@agency.example",
            "is_active": "on",
            "email_notifications": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    colleague.refresh_from_db()
    assert (colleague.grade, colleague.position) == ("3급", "부장")


def test_unknown_profile_is_a_korean_404(login_as):
    response = login_as().get("/directory/NOPE/")
    assert response.status_code == 404
    assert "명부에 없습니다" in response.content.decode()


def test_org_chart_shows_one_level_with_heads_and_counts(login_as):
    from tests.factories import DepartmentFactory

    root = DepartmentFactory(name="본부", code="R")
    team = DepartmentFactory(name="교육훈련팀", code="R1", parent=root)
    head = StaffFactory(name="박팀장", department=team)
    StaffFactory(department=team)
    StaffFactory(department=team, is_active=False)
    team.head = head
    team.save()
    client = login_as()
    assert "본부" in client.get("/directory/org/").content.decode()
    division = client.get("/directory/org/R/").content.decode()
    assert "교육훈련팀" in division and "박팀장" in division and "0명 (하위 포함 2명)" in division
    team_page = client.get("/directory/org/R1/").content.decode()
    assert "2명 (하위 포함 2명)" in team_page and "하위 부서가 없습니다" in team_page
    assert client.get("/directory/org/NOPE/").status_code == 404


def test_org_totals_follow_a_directory_change(login_as, django_capture_on_commit_callbacks):
    from intranet.directory.selectors import org_totals
    from tests.factories import DepartmentFactory

    team = DepartmentFactory(code="T1")
    StaffFactory(department=team)
    assert org_totals()[team.pk][0] == 1
    with django_capture_on_commit_callbacks(execute=True):
        StaffFactory(department=team)  # save() clears the cache after commit
    assert org_totals()[team.pk][0] == 2


def test_department_path_follows_a_rename_and_a_move(login_as):
    """The path is read from the department tree kept per directory generation: a renamed or
    moved department shows on the next profile and org chart."""
    from tests.factories import DepartmentFactory

    root = DepartmentFactory(name="본부", code="R")
    division = DepartmentFactory(name="기획실", code="R1", parent=root)
    other = DepartmentFactory(name="정보화실", code="R2", parent=root)
    team = DepartmentFactory(name="교육팀", code="R11", parent=division)
    person = StaffFactory(department=team)
    client = login_as()

    page = client.get(profile_url(person)).content.decode()
    assert ">본부</a> › <a" in page and ">기획실</a> › <a" in page and ">교육팀</a></p>" in page
    assert ">기획실</a>" in client.get("/directory/org/R11/").content.decode()
    division.name = "경영기획실"
    division.save()
    page = client.get(profile_url(person)).content.decode()
    assert ">경영기획실</a>" in page and ">기획실</a>" not in page
    assert ">경영기획실</a>" in client.get("/directory/org/R11/").content.decode()
    team.parent = other
    team.save()
    page = client.get(profile_url(person)).content.decode()
    assert ">정보화실</a> › <a" in page and "경영기획실" not in page
    chart = client.get("/directory/org/R11/").content.decode()
    assert ">정보화실</a>" in chart and "경영기획실" not in chart


def test_department_path_reads_no_query_once_kept(login_as, django_assert_num_queries):
    from intranet.directory.selectors import department_path
    from tests.factories import DepartmentFactory

    root = DepartmentFactory(name="본부", code="R")
    team = DepartmentFactory(name="교육팀", code="R1", parent=root)
    assert [d.name for d in department_path(team)] == ["본부", "교육팀"]
    with django_assert_num_queries(0):
        path = department_path(team)
    assert [(d.pk, d.code) for d in path] == [(root.pk, "R"), (team.pk, "R1")]
    assert path[0].get_absolute_url() == root.get_absolute_url()
    assert department_path(None) == []


def test_org_chart_is_kept_until_the_directory_changes(login_as, django_assert_num_queries):
    """A level of the chart is kept per directory generation: no query once kept, and a new
    team, a new head, a renamed team or a new person shows on the next view."""
    from intranet.directory.selectors import org_chart
    from tests.factories import DepartmentFactory

    root = DepartmentFactory(name="본부", code="R")
    team = DepartmentFactory(name="교육훈련팀", code="R1", parent=root)
    StaffFactory(department=team)
    assert [n.department.name for n in org_chart(code="R").children] == ["교육훈련팀"]
    with django_assert_num_queries(0):
        chart = org_chart(code="R")
    assert chart.children[0].headcount == 1
    client = login_as()
    DepartmentFactory(name="정보화팀", code="R2", parent=root)
    head = StaffFactory(name="박팀장", department=team)
    team.name = "교육팀"
    team.head = head
    team.save()
    page = client.get("/directory/org/R/").content.decode()
    assert "정보화팀" in page and "교육팀" in page and "교육훈련팀" not in page and "박팀장" in page
    assert "2명 (하위 포함 2명)" in page
    assert client.get("/directory/org/NOPE/").status_code == 404
