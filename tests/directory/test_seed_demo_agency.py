"""The demo agency after one ``seed_demo`` at scale 1: its tree, its demo users, the initials
search. Seeded once for the module (seeding is the slow part), each test in a savepoint of its own
(the seeder from an empty database, twice, and with options: ``test_seed_demo.py``)."""

import io

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command

from intranet.directory import demo
from intranet.directory.models import Department, Staff
from intranet.directory.selectors import staff_search
from intranet.roles import Role
from tests.db_state import kept_for_the_module

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker):
    with kept_for_the_module(django_db_blocker):
        out = io.StringIO()
        call_command("seed_demo", stdout=out)
        yield out.getvalue()


@pytest.fixture
def seeded(seeded_once, db):
    """``seed_demo``'s output; the rows it wrote are in the database."""
    return seeded_once


def test_scale_one_builds_the_agency_tree(seeded):
    assert "직원 명부" in seeded
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


def test_demo_users_have_their_groups_and_people(seeded):
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


def test_initials_search_finds_kim_minsu(seeded):
    assert "김민수" in {s.name for s in staff_search(query="ㄱㅁㅅ")}
    assert staff_search(query="교육을").filter(department__name="교육훈련팀").exists()
