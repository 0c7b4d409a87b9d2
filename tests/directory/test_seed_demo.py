"""The demo agency: the right shape, the same rows every time, nothing new on a second run."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from intranet.directory import demo
from intranet.directory.models import Department, Staff
from intranet.directory.selectors import staff_search
from intranet.roles import Role
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

STAFF_FIELDS = [
    "employee_number",
    "name",
    "name_en",
    "department__code",
    "grade",
    "position",
    "job_title",
    "email",
    "extension",
    "mobile",
    "hired_on",
    "skills",
    "bio",
    "search_key",
    "user__username",
    "is_active",
]


def run_seed(*args) -> str:
    out = io.StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def snapshot() -> dict:
    """Every seeded row as plain values, keyed the way the seeder keys them (no primary keys)."""
    return {
        "departments": list(
            Department.objects.order_by("code").values_list(
                "code", "name", "parent__code", "head__employee_number", "sort_order", "is_active"
            )
        ),
        "staff": list(Staff.objects.order_by("employee_number").values_list(*STAFF_FIELDS)),
        "users": sorted(
            (u.username, u.is_superuser, tuple(sorted(u.groups.values_list("name", flat=True))))
            for u in User.objects.all()
        ),
    }


def delete_demo_agency() -> None:
    Staff.objects.all().delete()
    while Department.objects.exists():  # parents are protected: leaves first
        Department.objects.filter(children__isnull=True).delete()
    User.objects.all().delete()


def test_scale_one_builds_the_agency_tree():
    output = run_seed()
    assert "직원 명부" in output
    assert 280 <= Staff.objects.count() <= 330
    root = Department.objects.get(parent=None)
    assert root.name == "국방전산정보원"
    assert root.head.position == "원장"
    divisions = set(root.children.values_list("name", flat=True))
    assert {
        "기획조정실",
        "경영지원부",
        "정보체계운영부",
        "데이터관리부",
        "인프라운영부",
        "사이버보안부",
    } == divisions
    teams = Department.objects.filter(parent__parent=root)
    assert 25 <= teams.count() <= 35
    team_names = set(teams.values_list("name", flat=True))
    assert {
        "기획예산팀",
        "성과관리팀",
        "인사팀",
        "교육훈련팀",
        "홍보팀",
        "장병e음팀",
        "보안관제팀",
    } <= team_names
    assert not Department.objects.filter(head=None).exists()
    assert set(teams.values_list("head__position", flat=True)) == {"팀장"}
    assert Staff.objects.filter(department__name="교육훈련팀", job_title__contains="교육").exists()
    # Profiles are not all equally complete, so completeness links have something to show.
    assert len({s.completeness_percent for s in Staff.objects.all()}) >= 3


def test_plan_is_deterministic_and_scale_one_is_the_start_of_larger_scales():
    first, again, larger = demo.build_plan(1), demo.build_plan(1), demo.build_plan(2)
    assert first == again
    assert larger.staff[: len(first.staff)] == first.staff
    assert len({s["employee_number"] for s in larger.staff}) == len(larger.staff)
    assert len({s["email"] for s in larger.staff}) == len(larger.staff)


def test_two_runs_from_empty_give_identical_rows():
    demo.seed(scale=1)
    first = snapshot()
    delete_demo_agency()
    demo.seed(scale=1)
    assert snapshot() == first


def test_second_run_creates_and_changes_nothing():
    demo.seed(scale=1)
    before = snapshot()
    stamps = sorted(Staff.objects.values_list("employee_number", "updated_at"))
    passwords = sorted(User.objects.values_list("username", "password"))
    result = demo.seed(scale=1)
    assert (result.departments_created, result.staff_created, result.heads_set, result.users_created) == (
        0,
        0,
        0,
        0,
    )
    assert snapshot() == before
    assert sorted(Staff.objects.values_list("employee_number", "updated_at")) == stamps
    assert sorted(User.objects.values_list("username", "password")) == passwords


def test_demo_users_have_their_groups_and_people():
    run_seed()
    for entry in demo.DEMO_USERS:
        user = User.objects.get(username=entry.username)
        assert user.check_password(demo.DEMO_PASSWORD)
        groups = set(user.groups.values_list("name", flat=True))
        assert Role.STAFF.value in groups
        if entry.role is None:
            assert user.is_superuser
        else:
            assert entry.role.value in groups
        assert user.staff.name == entry.name
    assert User.objects.get(username="hradmin").staff.department.name == "인사팀"
    assert User.objects.get(username="editor").staff.department.name == "홍보팀"
    assert User.objects.get(username="planner").staff.department.name == "성과관리팀"
    assert User.objects.get(username="learning").staff.department.name == "교육훈련팀"
    leader = User.objects.get(username="leader").staff
    assert leader.position == "부장"
    assert leader.headed_departments.filter(parent__parent=None).exists()


def test_if_empty_skips_when_staff_exist():
    StaffFactory()
    output = run_seed("--if-empty")
    assert Staff.objects.count() == 1
    assert "만들지 않았습니다" in output


def test_initials_search_finds_kim_minsu():
    run_seed()
    assert "김민수" in {s.name for s in staff_search(query="ㄱㅁㅅ")}
    assert staff_search(query="교육을").filter(department__name="교육훈련팀").exists()


def test_photos_are_optional_initials_avatars():
    run_seed("--photos")
    person = User.objects.get(username="staff").staff
    assert person.photo.name.startswith("staff-photos/demo-")
    assert person.photo.size > 0
    assert not Staff.objects.filter(user=None).exclude(photo="").exists()


def test_demo_logins_lists_address_and_every_account():
    out = io.StringIO()
    call_command("demo_logins", "--port", "8123", stdout=out)
    text = out.getvalue()
    assert "http://127.0.0.1:8123/" in text
    for entry in demo.DEMO_USERS:
        assert entry.username in text
    assert demo.DEMO_PASSWORD in text
    assert str(Role.HR_ADMIN.label) in text
