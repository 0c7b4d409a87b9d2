"""Staff sync from the agency directory (real slapd): validated first, all or nothing, leavers
deactivated, the same audit record and Korean row report as a file import (docs/ldap.md)."""

from datetime import UTC, datetime

import pytest
import time_machine
from django.core.management import CommandError, call_command

from intranet.directory.ldap_sync import directory_staff_sync
from intranet.directory.models import ImportRun, Staff
from intranet.directory.tasks import directory_sync_task
from tests.factories import DepartmentFactory, StaffFactory

pytestmark = pytest.mark.django_db

BROKEN = "uid=broken.entry,ou=people,dc=agency,dc=example"


@pytest.fixture
def agency(use_directory):
    """HR's teams, 이지우 with an old position, the leaver still active and the disabled account."""
    use_directory()
    education = DepartmentFactory(code="EDU", name="교육운영팀")
    planning = DepartmentFactory(code="PLAN", name="기획예산팀")
    return {
        "jiwoo": StaffFactory(
            employee_number="20200002", name="이지우", position="주무관", department=planning
        ),
        "leaver": StaffFactory(employee_number="20150006", name="한상우", department=education),
        "disabled": StaffFactory(employee_number="20180004", name="최정훈", department=planning),
        "local": StaffFactory(employee_number="99990001", name="외부 파견"),
    }


def people() -> dict[str, tuple]:
    return {
        s.employee_number: (s.name, s.department.code if s.department else "", s.position, s.is_active)
        for s in Staff.objects.select_related("department")
    }


@pytest.mark.parametrize(
    "today", [datetime(2026, 1, 5, 20, 15, tzinfo=UTC), datetime(2027, 7, 1, 5, 15, tzinfo=UTC)]
)
def test_new_changed_and_leavers_with_the_import_audit_record(agency, today):
    with time_machine.travel(today, tick=False):
        run = directory_staff_sync()
    assert run.status == ImportRun.Status.DONE, run.errors
    assert people() == {
        "20190001": ("김민수", "EDU", "주무관", True),  # new
        "20200002": ("이지우", "EDU", "사무관", True),  # changed: team and position
        "20210003": ("박서연", "PLAN", "주무관", True),  # new
        "20150006": ("한상우", "EDU", "팀원", False),  # a leaver: deactivated, not deleted
        "20180004": ("최정훈", "PLAN", "팀원", False),  # disabled in the directory
        "99990001": ("외부 파견", agency["local"].department.code, "팀원", False),  # not in the directory
    }
    assert run.source == ImportRun.Source.DIRECTORY and run.kind == ImportRun.Kind.STAFF
    assert (run.created_count, run.updated_count, run.deactivated_count, run.total_rows) == (2, 1, 3, 3)
    assert run.deactivate_missing and len(run.checksum) == 64 and run.finished_at == today
    assert run.file_name.startswith("ldap://127.0.0.1:") and "ou=people,dc=agency,dc=example" in run.file_name
    minsu = Staff.objects.get(employee_number="20190001")
    assert minsu.email == "minsu.kim@agency.example" and "ㄱㅁㅅ" in minsu.search_key
    again = directory_staff_sync()  # nothing changed since: same checksum, nothing written
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 3)
    assert again.checksum == run.checksum


def test_one_invalid_entry_rejects_the_whole_sync_with_the_korean_row_report(agency, directory_entry):
    directory_entry(
        BROKEN,
        {
            "objectClass": ["inetOrgPerson"],
            "uid": ["broken.entry"],
            "cn": ["오류 항목"],
            "sn": ["오"],
            "displayName": ["오류 항목"],
            "employeeNumber": ["20230007"],
            "departmentNumber": ["NOPE"],
            "mail": ["not-an-address"],
        },
        add=True,
    )
    before = people()
    run = directory_staff_sync()
    assert run.status == ImportRun.Status.REJECTED
    assert people() == before
    messages = {(e["column"], e["message"]) for e in run.errors}
    assert ("departmentNumber", f"부서코드 NOPE인 부서가 없습니다. ({BROKEN})") in messages
    assert ("mail", f"이메일 주소 형식이 올바르지 않습니다: not-an-address ({BROKEN})") in messages
    assert {e["row"] for e in run.errors} == {1}  # sorted by DN: uid=broken… comes first

    with pytest.raises(CommandError, match="동기화를 거부했습니다 \\(오류 2건\\)"):
        call_command("ldap_sync")
    assert people() == before


def test_an_empty_answer_is_refused_rather_than_deactivating_everyone(agency, use_directory):
    use_directory(IEUM_LDAP_PEOPLE_FILTER="(&(objectClass=inetOrgPerson)(uid=nobody-at-all))")
    run = directory_staff_sync()
    assert run.status == ImportRun.Status.REJECTED and Staff.objects.filter(is_active=False).count() == 0
    assert "읽은 직원이 없습니다" in run.errors[0]["message"]


def test_directory_down_leaves_a_failed_run_and_changes_nothing(agency, use_directory):
    use_directory(IEUM_LDAP_SERVER_URI="ldap://127.0.0.1:9", IEUM_LDAP_TIMEOUT="1")
    before = people()
    run = directory_staff_sync()
    assert run.status == ImportRun.Status.FAILED and people() == before
    assert "기관 디렉터리에서 직원 목록을 읽을 수 없습니다" in run.errors[0]["message"]


def test_the_command_and_the_beat_task(agency, capsys):
    call_command("ldap_sync", "--dry-run", "--by", "20200002")
    dry = ImportRun.objects.latest("pk")
    assert dry.dry_run and dry.uploaded_by == agency["jiwoo"] and Staff.objects.count() == 4
    assert "시험 실행(저장하지 않음)" in capsys.readouterr().out
    assert directory_sync_task.delay().get() == ImportRun.Status.DONE
    assert Staff.objects.filter(is_active=True).count() == 3


def test_the_command_without_directory_settings_says_so(settings):
    settings.IEUM_LDAP_ENABLED = False
    with pytest.raises(CommandError, match="기관 디렉터리 설정"):
        call_command("ldap_sync")
