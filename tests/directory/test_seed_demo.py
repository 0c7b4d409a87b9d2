"""The demo agency: the same rows every time, nothing new on a second run (the agency's shape
after one ``seed_demo``: ``test_seed_demo_agency.py``)."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from intranet.directory import demo
from intranet.directory.models import Department, Staff
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


def test_if_empty_skips_when_staff_exist():
    StaffFactory()
    output = run_seed("--if-empty")
    assert Staff.objects.count() == 1
    assert "만들지 않았습니다" in output


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
