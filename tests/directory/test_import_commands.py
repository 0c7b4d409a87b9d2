"""``manage.py import_departments`` and ``import_staff``: report, counts and exit status."""

import io
import time

import pytest
from django.core.management import CommandError, call_command

from intranet.directory.models import Department, ImportRun, Staff
from tests.factories import DepartmentFactory, StaffFactory

from .importing import DEPARTMENT_HEADER, STAFF_HEADER, csv_bytes, staff_row, xlsx_bytes

pytestmark = pytest.mark.django_db


def call(name, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.fixture
def staff_file(tmp_path):
    DepartmentFactory(code="D100", name="정보화교육팀")
    path = tmp_path / "직원.csv"
    path.write_bytes(csv_bytes([STAFF_HEADER, staff_row("E1"), staff_row("E2", "이영희")], "cp949"))
    return path


def test_import_departments_then_staff(tmp_path):
    departments = tmp_path / "부서.xlsx"
    departments.write_bytes(
        xlsx_bytes([DEPARTMENT_HEADER, ["D100", "기획실", "", ""], ["D110", "교육팀", "D100", ""]])
    )
    out, _err = call("import_departments", str(departments))

    assert "2행 중 추가 2, 변경 0, 변경 없음 0, 퇴직 처리 0" in out
    assert Department.objects.get(code="D110").parent.code == "D100"


def test_import_staff_prints_counts(staff_file):
    out, _err = call("import_staff", str(staff_file))

    assert "2행 중 추가 2" in out
    assert Staff.objects.count() == 2
    assert ImportRun.objects.get().uploaded_by is None


def test_dry_run_writes_nothing(staff_file):
    out, _err = call("import_staff", str(staff_file), "--dry-run")

    assert "시험 실행(저장하지 않음)" in out and "추가 예정 2" in out
    assert not Staff.objects.exists()
    assert ImportRun.objects.get().dry_run


def test_deactivate_missing_flag(staff_file):
    gone = StaffFactory(employee_number="E9", department=Department.objects.get(code="D100"))
    call("import_staff", str(staff_file))
    gone.refresh_from_db()
    assert gone.is_active

    out, _err = call("import_staff", str(staff_file), "--deactivate-missing")
    gone.refresh_from_db()
    assert not gone.is_active and "퇴직 처리 1" in out


def test_errors_exit_non_zero_with_the_korean_report(tmp_path):
    DepartmentFactory(code="D100")
    path = tmp_path / "staff.csv"
    path.write_bytes(csv_bytes([STAFF_HEADER, staff_row("E1"), staff_row("E2", 이메일="no-at-sign")]))

    with pytest.raises(CommandError, match="오류 1건"):
        call("import_staff", str(path))
    assert not Staff.objects.exists()
    assert ImportRun.objects.get().status == ImportRun.Status.REJECTED


def test_report_lines_name_row_and_column(tmp_path):
    DepartmentFactory(code="D100")
    path = tmp_path / "staff.csv"
    path.write_bytes(csv_bytes([STAFF_HEADER, staff_row("E1", 부서코드="ZZ")]))
    err = io.StringIO()

    with pytest.raises(CommandError):
        call_command("import_staff", str(path), stderr=err)
    assert "오류 2행 [부서코드]: 부서코드 ZZ인 부서가 없습니다." in err.getvalue()


def test_a_50_mb_file_is_refused_quickly(tmp_path):
    path = tmp_path / "huge.csv"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    started = time.perf_counter()

    with pytest.raises(CommandError):
        call("import_staff", str(path))
    assert time.perf_counter() - started < 5
    run = ImportRun.objects.get()
    assert (
        run.status == "rejected" and "파일이 너무 큽니다: 50.0 MB (최대 10.0 MB)." in run.errors[0]["message"]
    )


def test_missing_file_and_unknown_runner(tmp_path, staff_file):
    with pytest.raises(CommandError, match="파일이 없습니다"):
        call("import_staff", str(tmp_path / "nope.csv"))
    with pytest.raises(CommandError, match="사번 X인 직원이 없습니다"):
        call("import_staff", str(staff_file), "--by", "X")
    assert not ImportRun.objects.exists()


def test_runner_is_recorded(staff_file):
    who = StaffFactory(employee_number="HR1", department=Department.objects.get(code="D100"))
    call("import_staff", str(staff_file), "--by", "HR1")

    assert ImportRun.objects.get().uploaded_by == who
