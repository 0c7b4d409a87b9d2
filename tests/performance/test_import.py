import io

import pytest
from django.core.management import CommandError, call_command

from intranet.directory.imports import ImportRejected
from performance.models import Milestone, Programme
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


MILESTONE_HEADER = "과제코드,과제명,부서코드,담당자사번,추진일정\n"


def write_milestones(tmp_path, text):
    path = tmp_path / "plan-milestones.csv"
    path.write_text(MILESTONE_HEADER + text, encoding="utf-8")
    return path


def test_milestones_column_gives_each_programme_its_weighted_milestones(tmp_path, people):
    plan = build_plan(2025)
    path = write_milestones(
        tmp_path,
        '2025-01,챗봇,D100,A001,"착수 | 2025-03-31 | 20\n'
        '구축 | 2025. 8. 29. | 50\n완료 보고 | 20251128 | 30"\n'
        "2025-02,AICC,D100,A002,착수 | 2025-02-28 | 33.33; "
        "구축 | 2025-06-30 | 33.33; 완료 | 2025-11-28 | 33.33\n"
        "2025-03,고도화,D100,A001,\n",
    )
    programme_import(plan=plan, path=path)
    first = Programme.objects.get(plan=plan, code="2025-01")
    assert [(m.title, m.due_date.month, int(m.weight)) for m in first.milestones.order_by("due_date")] == [
        ("착수", 3, 20),
        ("구축", 8, 50),
        ("완료 보고", 11, 30),
    ]
    assert Programme.objects.get(code="2025-02").milestones.count() == 3  # 99.99: within the tolerance
    assert not Programme.objects.get(code="2025-03").milestones.exists()


def test_bad_milestones_are_reported_by_row_and_column_and_nothing_is_written(tmp_path, people):
    plan = build_plan(2025)
    path = write_milestones(
        tmp_path,
        "2025-01,좋은 과제,D100,A001,착수 | 2025-03-31 | 40; 완료 | 2025-11-28 | 60\n"
        "2025-02,합계 부족,D100,A001,착수 | 2025-03-31 | 40; 완료 | 2025-11-28 | 40\n"
        "2025-03,합계 초과,D100,A001,착수 | 2025-03-31 | 1; 완료 | 2025-11-28 | 100\n"
        "2025-04,형식,D100,A001,착수 2025-03-31 100\n"
        "2025-05,날짜,D100,A001,착수 | 3월 말 | 100\n"
        "2025-06,연도,D100,A001,착수 | 2026-01-15 | 100\n"
        "2025-07,음수,D100,A001,착수 | 2025-03-31 | -10; 완료 | 2025-11-28 | 110\n"
        "2025-08,숫자,D100,A001,착수 | 2025-03-31 | 절반; 완료 | 2025-11-28 | 50\n",
    )
    with pytest.raises(ImportRejected) as caught:
        programme_import(plan=plan, path=path)
    report = {(i.row, i.column): i.message for i in caught.value.issues}
    assert 2 not in {row for row, _column in report}
    assert "합계가 100이어야 합니다 (지금 합계: 80)" in report[(3, "추진일정")]
    assert "지금 합계: 101" in report[(4, "추진일정")]
    assert "'이름 | 완료예정일 | 가중치'로 적습니다" in report[(5, "추진일정")]
    assert "'3월 말'을 날짜로 읽을 수 없습니다" in report[(6, "추진일정")]
    assert "2026. 1. 15.이 2025년 밖입니다" in report[(7, "추진일정")]
    assert "0보다 커야" in report[(8, "추진일정")]
    assert "숫자가 아닙니다" in report[(9, "추진일정")]
    assert not Programme.objects.exists()
    assert not Milestone.objects.exists()
