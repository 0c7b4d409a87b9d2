import io

import pytest
from django.core.management import CommandError, call_command

from intranet.directory.imports import ImportRejected
from performance.models import Programme
from performance.services import programme_import
from tests.factories import DepartmentFactory, StaffFactory

from .builders import build_plan, build_programme

pytestmark = pytest.mark.django_db

HEADER = "과제코드,과제명,유형,부서코드,담당자사번,공동담당자사번,가중치,전년도과제코드\n"


@pytest.fixture
def people():
    department = DepartmentFactory(code="D100", name="AI서비스팀")
    return (
        department,
        StaffFactory(employee_number="A001", department=department),
        StaffFactory(employee_number="A002", department=department),
    )


def write(tmp_path, text, name="plan.csv"):
    path = tmp_path / name
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def test_good_file_creates_every_programme(tmp_path, people):
    department, owner, co_owner = people
    last_year = build_programme(build_plan(2024), code="2024-01", department=department, owner=owner)
    plan = build_plan(2025)
    path = write(
        tmp_path,
        "2025-01,엠피스봇 정확도 향상,전년도 평가 환류,D100,A001,A002,2,2024-01\n"
        "2025-02,AICC 구축,직원제안,D100,A002,,1,\n"
        "2025-03,장병e음 고도화,,D100,A001,,,\n",
    )
    result = programme_import(plan=plan, path=path)
    assert [p.code for p in result.created] == ["2025-01", "2025-02", "2025-03"]
    first = Programme.objects.get(plan=plan, code="2025-01")
    assert first.origin == Programme.Origin.FEEDBACK and first.previous_programme == last_year
    assert list(first.co_owners.all()) == [co_owner] and first.weight == 2
    assert Programme.objects.get(plan=plan, code="2025-03").origin == Programme.Origin.ONGOING


def test_bad_file_reports_row_column_reason_and_writes_nothing(tmp_path, people):
    plan = build_plan(2025)
    path = write(
        tmp_path,
        "2025-01,좋은 과제,계속 추진,D100,A001,,1,\n"
        "2025-02,부서 없음,계속 추진,D999,A001,,1,\n"
        "2025-03,사람 없음,계속 추진,D100,Z999,,1,\n"
        "2025-01,중복,계속 추진,D100,A001,,1,\n"
        "2025-05,가중치,계속 추진,D100,A001,,0,\n"
        "2025-06,유형,모름,D100,A001,,1,\n",
    )
    with pytest.raises(ImportRejected) as caught:
        programme_import(plan=plan, path=path)
    report = {(i.row, i.column): i.message for i in caught.value.issues}
    assert "D999" in report[(3, "부서코드")]
    assert "Z999" in report[(4, "담당자사번")]
    assert "2행과 중복" in report[(5, "과제코드")]
    assert "0보다 커야" in report[(6, "가중치")]
    assert "알 수 없습니다" in report[(7, "유형")]
    assert not Programme.objects.exists()


def test_missing_required_column_is_reported(tmp_path, people):
    path = tmp_path / "plan.csv"
    path.write_text("과제코드,과제명\n2025-01,과제\n", encoding="utf-8")
    with pytest.raises(ImportRejected) as caught:
        programme_import(plan=build_plan(2025), path=path)
    assert {i.column for i in caught.value.issues} == {"부서코드", "담당자사번"}


def test_command_reports_in_korean_and_imports(tmp_path, people):
    build_plan(2025)
    bad = write(tmp_path, "2025-01,과제,계속 추진,D999,A001,,1,\n", name="bad.csv")
    errors = io.StringIO()
    with pytest.raises(CommandError, match="가져오지 않았습니다"):
        call_command("import_programmes", "2025", str(bad), stderr=errors)
    assert "오류 2행 [부서코드]: 부서코드 D999인 부서가 없습니다." in errors.getvalue()
    good = write(tmp_path, "2025-01,과제,계속 추진,D100,A001,,1,\n", name="good.csv")
    out = io.StringIO()
    call_command("import_programmes", "2025", str(good), stdout=out)
    assert "1개를 가져왔습니다" in out.getvalue()


def test_not_a_spreadsheet_is_refused(tmp_path, people):
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(ImportRejected) as caught:
        programme_import(plan=build_plan(2025), path=path)
    assert "CSV 또는 XLSX" in caught.value.issues[0].message
