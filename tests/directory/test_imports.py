"""The HR import service: encodings, headers, validation with row/column/reason, writes, audit."""

import datetime as dt
import hashlib
from pathlib import Path

import pytest

from intranet.directory.imports import import_run_execute, import_run_progress, parse_import_date
from intranet.directory.models import Department, ImportRun, Staff
from tests.factories import DepartmentFactory, StaffFactory

from .importing import (
    DEPARTMENT_HEADER,
    STAFF_HEADER,
    csv_bytes,
    issues,
    run_import,
    staff_row,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def departments():
    return DepartmentFactory(code="D100", name="정보화교육팀"), DepartmentFactory(
        code="D200", name="데이터분석팀"
    )


def two_staff_rows():
    return [
        STAFF_HEADER,
        staff_row("E1001", "김민수"),
        staff_row("E1002", "이영희", "D200", 영문성명="Lee Younghee"),
    ]


# --- reading files --------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp949", "euc-kr"])
def test_csv_in_every_encoding_korean_excel_writes(departments, encoding):
    run = run_import(csv_bytes(two_staff_rows(), encoding))

    assert run.status == ImportRun.Status.DONE, run.errors
    kim = Staff.objects.get(employee_number="E1001")
    assert (kim.name, kim.department.code, kim.hired_on) == ("김민수", "D100", dt.date(2025, 3, 14))
    assert "ㄱㅁㅅ" in kim.search_key and "정보화교육팀" in kim.search_key
    assert Staff.objects.get(employee_number="E1002").name == "이영희"


def test_xlsx_with_excel_dates_and_numeric_cells(departments):
    rows = [STAFF_HEADER, staff_row("E1001"), staff_row("E1002", "이영희")]
    rows[1][9] = dt.datetime(2025, 3, 14)  # a date cell
    rows[2][0], rows[2][9], rows[2][7] = 1002, 45730, 5678  # numbers typed into Excel
    run = run_import(xlsx_bytes(rows), name="직원.xlsx")

    assert run.status == ImportRun.Status.DONE, run.errors
    assert Staff.objects.get(employee_number="E1001").hired_on == dt.date(2025, 3, 14)
    numeric = Staff.objects.get(employee_number="1002")
    assert (numeric.hired_on, numeric.extension) == (dt.date(2025, 3, 14), "5678")


def test_english_headers_with_whitespace_and_optional_columns_absent(departments):
    rows = [
        [" emp_no ", "Name", "department_code ", " Hire_Date", "EMAIL"],
        ["E1", "박정훈", "D100", "20240102", ""],
    ]
    run = run_import(csv_bytes(rows))

    assert run.status == ImportRun.Status.DONE, run.errors
    staff = Staff.objects.get(employee_number="E1")
    assert (staff.name, staff.hired_on, staff.email, staff.grade) == ("박정훈", dt.date(2024, 1, 2), "", "")


@pytest.mark.parametrize(
    "value",
    ["2025-03-14", "2025.03.14", "2025. 3. 14.", "2025/3/14", "20250314", "2025-03-14 00:00:00", "45730"],
)
def test_dates_the_ways_hr_writes_them(value):
    assert parse_import_date(value) == dt.date(2025, 3, 14)


# --- refusing files -------------------------------------------------------------------------

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + b"\x00" * 64


@pytest.mark.parametrize(
    ("content", "name", "reason"),
    [
        (PNG, "staff.csv", "CSV 파일이 아닙니다"),
        (b"PK\x03\x04 broken zip", "staff.xlsx", "XLSX 파일을 열 수 없습니다"),
        (b"not a zip at all", "staff.xlsx", "XLSX 파일이 아닙니다"),
        ("사번,성명\n".encode(), "staff.txt", "CSV 또는 XLSX 파일만"),
        (b"", "staff.csv", "파일이 비어 있습니다"),
        ("사번,성명,부서코드\r\n".encode(), "staff.csv", "데이터 행이 없습니다"),
        (b"\xff\xfe\xfa\xfb\x80\x81", "staff.csv", "문자 인코딩을 알 수 없습니다"),
    ],
)
def test_wrong_or_empty_files_are_refused_with_a_korean_reason(content, name, reason):
    run = run_import(content, name=name)

    assert run.status == ImportRun.Status.REJECTED
    [(row, _column, message)] = issues(run)
    assert row is None and reason in message
    assert not Staff.objects.exists()


def test_a_file_over_the_limit_is_refused_before_it_is_read(settings, tmp_path):
    settings.IEUM_IMPORT_MAX_BYTES = 1024
    settings.VAR_DIR = tmp_path
    run = run_import(b"x" * 2048)

    assert run.status == ImportRun.Status.REJECTED
    assert "파일이 너무 큽니다" in run.errors[0]["message"]
    assert run.checksum == hashlib.sha256(b"x" * 2048).hexdigest()
    assert not (tmp_path / "imports").exists() or not any((tmp_path / "imports").iterdir())


# --- validating rows ------------------------------------------------------------------------

ROW_ERRORS = [
    ({"부서코드": "X999"}, "부서코드", "부서코드 X999인 부서가 없습니다."),
    ({"이메일": "kim@"}, "이메일", "이메일 주소 형식이 올바르지 않습니다: kim@"),
    ({"입사일": "2025-13-40"}, "입사일", "날짜 형식이 올바르지 않습니다: 2025-13-40 (예: 2025-03-14)"),
    ({"입사일": "어제"}, "입사일", "날짜 형식이 올바르지 않습니다: 어제 (예: 2025-03-14)"),
    ({"내선번호": "12#4"}, "내선번호", "내선번호는 숫자와 '-'만 2~15자로 씁니다: 12#4"),
    ({"휴대전화": "공일공"}, "휴대전화", "휴대전화 번호 형식이 올바르지 않습니다: 공일공"),
    ({"성명": ""}, "성명", "성명 값이 비어 있습니다."),
    ({"사번": ""}, "사번", "사번 값이 비어 있습니다."),
    ({"직급": "가" * 31}, "직급", "직급은 30자를 넘을 수 없습니다 (31자)."),
]


@pytest.mark.parametrize(("overrides", "column", "message"), ROW_ERRORS)
def test_each_bad_cell_is_reported_with_row_column_and_reason(departments, overrides, column, message):
    rows = [STAFF_HEADER, staff_row("E1001"), staff_row("E1002", **overrides)]
    run = run_import(csv_bytes(rows))

    assert run.status == ImportRun.Status.REJECTED
    assert issues(run) == [(3, column, message)]
    assert not Staff.objects.exists()


def test_duplicate_employee_number_names_the_first_row(departments):
    rows = [STAFF_HEADER, staff_row("E1001"), staff_row("E1002"), staff_row("E1001", "박정훈")]
    run = run_import(csv_bytes(rows))

    assert issues(run) == [(4, "사번", "사번 E1001이 2행과 중복됩니다.")]


def test_errors_use_the_column_name_as_written_in_the_file(departments):
    rows = [["emp_no", "name", "department_code"], ["E1", "김민수", "NOPE"]]
    run = run_import(csv_bytes(rows))

    assert issues(run) == [(2, "department_code", "부서코드 NOPE인 부서가 없습니다.")]


def test_missing_required_column_is_reported_on_the_header_row(departments):
    run = run_import(csv_bytes([["사번", "성명"], ["E1", "김민수"]]))

    assert issues(run) == [(1, "부서코드", "필수 열 부서코드가 없습니다.")]


def test_every_row_is_reported_not_only_the_first(departments):
    rows = [STAFF_HEADER, staff_row("E1", 이메일="x"), staff_row("E2"), staff_row("E3", 부서코드="Z")]
    run = run_import(csv_bytes(rows))

    assert [(row, column) for row, column, _m in issues(run)] == [(2, "이메일"), (4, "부서코드")]


def test_blank_lines_keep_the_row_numbers_excel_shows(departments):
    content = (
        csv_bytes([STAFF_HEADER, staff_row("E1")]) + b"\r\n" + csv_bytes([staff_row("E2", 이메일="bad")])
    )
    run = run_import(content)

    assert issues(run)[0][:2] == (4, "이메일")


def test_one_bad_row_writes_nothing_at_all(departments):
    existing = StaffFactory(employee_number="E1001", name="옛이름", department=departments[0])
    rows = [STAFF_HEADER, staff_row("E1001"), staff_row("E1002"), staff_row("E1003", 이메일="bad")]
    run = run_import(csv_bytes(rows), deactivate_missing=True)

    assert run.status == ImportRun.Status.REJECTED
    existing.refresh_from_db()
    assert existing.name == "옛이름" and existing.is_active
    assert list(Staff.objects.values_list("employee_number", flat=True)) == ["E1001"]
    assert (run.created_count, run.updated_count) == (0, 0)


# --- applying -------------------------------------------------------------------------------


def test_new_rows_create_changed_rows_update_unchanged_rows_are_not_saved(departments):
    run_import(csv_bytes(two_staff_rows()))
    kim, lee = Staff.objects.get(employee_number="E1001"), Staff.objects.get(employee_number="E1002")
    rows = [
        STAFF_HEADER,
        staff_row("E1001", "김민수"),
        staff_row("E1002", "이영희", "D100", 영문성명="Lee Younghee", 직위="팀장"),
        staff_row("E1003", "박정훈"),
    ]
    run = run_import(csv_bytes(rows))

    assert (run.created_count, run.updated_count, run.unchanged_count) == (1, 1, 1)
    assert Staff.objects.get(pk=kim.pk).updated_at == kim.updated_at
    lee_after = Staff.objects.get(pk=lee.pk)
    assert (lee_after.position, lee_after.department.code) == ("팀장", "D100")
    assert lee_after.updated_at > lee.updated_at
    assert "정보화교육팀" in lee_after.search_key and "팀장" in lee_after.search_key


def test_only_columns_in_the_file_are_updated(departments):
    staff = StaffFactory(employee_number="E1", department=departments[0], mobile="010-1111-2222", grade="4급")
    run = run_import(csv_bytes([["사번", "성명", "부서코드", "직위"], ["E1", "김민수", "D200", "팀장"]]))

    assert run.updated_count == 1
    staff.refresh_from_db()
    assert (staff.mobile, staff.grade, staff.position, staff.department.code) == (
        "010-1111-2222",
        "4급",
        "팀장",
        "D200",
    )


def test_missing_staff_are_deactivated_only_with_the_flag(departments):
    gone = StaffFactory(employee_number="E9999", department=departments[0])
    content = csv_bytes(two_staff_rows())

    run = run_import(content)
    gone.refresh_from_db()
    assert gone.is_active and run.deactivated_count == 0

    run = run_import(content, deactivate_missing=True)
    gone.refresh_from_db()
    assert not gone.is_active and run.deactivated_count == 1 and run.unchanged_count == 2
    assert Staff.objects.filter(pk=gone.pk).exists()  # never deleted


def test_a_deactivated_person_in_the_file_is_reactivated(departments):
    run_import(csv_bytes(two_staff_rows()))
    Staff.objects.filter(employee_number="E1001").update(is_active=False)
    run = run_import(csv_bytes(two_staff_rows()))

    assert run.updated_count == 1 and Staff.objects.get(employee_number="E1001").is_active


def test_dry_run_reports_counts_and_writes_only_the_audit(departments):
    StaffFactory(employee_number="E9999", department=departments[0])
    run = run_import(csv_bytes(two_staff_rows()), dry_run=True, deactivate_missing=True)

    assert run.status == ImportRun.Status.DONE and run.dry_run
    assert (run.created_count, run.deactivated_count) == (2, 1)
    assert list(Staff.objects.values_list("employee_number", "is_active")) == [("E9999", True)]


def test_audit_record_says_who_what_and_the_checksum(departments, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    who = StaffFactory(employee_number="HR01", department=departments[0])
    content = csv_bytes(two_staff_rows())
    run = run_import(content, name="인사.csv", uploaded_by=who)

    assert (run.kind, run.status, run.file_name, run.uploaded_by) == ("staff", "done", "인사.csv", who)
    assert run.checksum == hashlib.sha256(content).hexdigest()
    assert (run.total_rows, run.processed_rows, run.created_count) == (2, 2, 2)
    assert run.finished_at is not None and run.created_at <= run.finished_at
    assert run.file_path.startswith(str(tmp_path / "imports"))
    assert not Path(run.file_path).exists()  # personal data is not kept once the run ends


def test_executing_a_finished_run_again_does_nothing(departments):
    run = run_import(csv_bytes(two_staff_rows()))
    Staff.objects.all().delete()

    assert import_run_execute(run_id=run.pk).status == ImportRun.Status.DONE
    assert not Staff.objects.exists()


def test_progress_of_queued_running_and_finished_runs(departments):
    run = ImportRun(kind="staff", status="queued", total_rows=200)
    assert import_run_progress(run=run) == {"percent": 0, "label": "대기 중입니다…", "finished": False}
    run.status, run.processed_rows = "running", 50
    assert import_run_progress(run=run) == {"percent": 25, "label": "50 / 200행 확인함", "finished": False}
    run.status = "done"
    assert import_run_progress(run=run) == {"percent": 100, "label": "완료", "finished": True}


# --- departments ----------------------------------------------------------------------------


def dept_import(rows, **options):
    return run_import(csv_bytes([DEPARTMENT_HEADER, *rows]), kind="departments", name="부서.csv", **options)


def test_department_tree_with_parents_before_or_after_children():
    DepartmentFactory(code="ROOT", name="본부")
    run = dept_import([["B", "교육팀", "A", ""], ["A", "기획실", "ROOT", ""], ["C", "운영팀", "", ""]])

    assert run.status == "done", run.errors
    assert run.created_count == 3
    parents = dict(Department.objects.values_list("code", "parent__code"))
    assert parents == {"ROOT": None, "A": "ROOT", "B": "A", "C": None}


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (
            [["A", "기획실", "NOPE", ""]],
            [(2, "상위부서코드", "상위부서코드 NOPE인 부서가 파일에도 시스템에도 없습니다.")],
        ),
        ([["A", "기획실", "A", ""]], [(2, "상위부서코드", "부서 트리에 순환이 생깁니다: A → A")]),
        (
            [["A", "기획실", "B", ""], ["B", "교육팀", "A", ""]],
            [
                (2, "상위부서코드", "부서 트리에 순환이 생깁니다: A → B → A"),
                (3, "상위부서코드", "부서 트리에 순환이 생깁니다: B → A → B"),
            ],
        ),
        (
            [["A", "기획실", "", ""], ["A", "교육팀", "", ""]],
            [(3, "부서코드", "부서코드 A가 2행과 중복됩니다.")],
        ),
        ([["A", "", "", ""]], [(2, "부서명", "부서명 값이 비어 있습니다.")]),
    ],
)
def test_department_errors(rows, expected):
    run = dept_import(rows)

    assert run.status == "rejected" and issues(run) == expected
    assert not Department.objects.exists()


def test_a_cycle_through_a_department_already_in_the_database():
    top = DepartmentFactory(code="TOP", name="본부")
    DepartmentFactory(code="MID", name="실", parent=top)
    run = dept_import([["TOP", "본부", "MID", ""]])

    assert issues(run) == [(2, "상위부서코드", "부서 트리에 순환이 생깁니다: TOP → MID → TOP")]
    assert Department.objects.get(code="TOP").parent is None


def test_known_head_is_set_unknown_head_is_a_warning():
    DepartmentFactory(code="A", name="기획실")
    head = StaffFactory(employee_number="E7", department=Department.objects.get(code="A"))
    run = dept_import([["A", "기획실", "", "E7"], ["B", "교육팀", "A", "E404"]])

    assert run.status == "done"
    assert run.errors == [
        {
            "row": 3,
            "column": "부서장사번",
            "message": "부서장사번 E404인 직원이 없어 부서장을 바꾸지 않았습니다. "
            "직원을 가져온 뒤 부서를 다시 가져오세요.",
            "level": "warning",
        }
    ]
    assert Department.objects.get(code="A").head == head
    assert Department.objects.get(code="B").head is None
    assert (run.created_count, run.updated_count) == (1, 1)


def test_unchanged_departments_are_counted_not_saved():
    dept_import([["A", "기획실", "", ""], ["B", "교육팀", "A", ""]])
    run = dept_import([["A", "기획실", "", ""], ["B", "교육훈련팀", "A", ""]])

    assert (run.created_count, run.updated_count, run.unchanged_count) == (0, 1, 1)
    assert Department.objects.get(code="B").name == "교육훈련팀"


def test_department_english_headers_from_xlsx():
    rows = [["code", "name", "parent_code"], ["A", "기획실", ""], ["B", "교육팀", "A"]]
    run = run_import(xlsx_bytes(rows), kind="departments", name="dept.xlsx")

    assert run.status == "done", run.errors
    assert Department.objects.get(code="B").parent.code == "A"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1012345678", "010-1234-5678"),
        ("1012345678.0", "010-1234-5678"),
        ("101234567", "010-123-4567"),
        ("010-1234-5678", "010-1234-5678"),
        ("", ""),
    ],
)
def test_mobile_number_that_lost_its_leading_zero_in_excel(raw, expected):
    from intranet.directory.imports import restore_mobile_zero

    assert restore_mobile_zero(raw) == expected


@pytest.mark.django_db
def test_a_run_left_running_by_a_dead_worker_is_taken_over(tmp_path):
    import datetime as dt

    from django.utils import timezone

    from intranet.directory.imports import STALE_AFTER, import_run_execute
    from intranet.directory.models import ImportRun

    path = tmp_path / "departments.csv"
    path.write_text("부서코드,부서명\nA1,기획팀\n", encoding="utf-8")
    run = ImportRun.objects.create(
        kind="departments",
        file_name="departments.csv",
        file_path=str(path),
        checksum="x",
        status=ImportRun.Status.RUNNING,
        heartbeat_at=timezone.now(),
    )
    assert import_run_execute(run_id=run.pk).status == ImportRun.Status.RUNNING  # alive: left alone
    ImportRun.objects.filter(pk=run.pk).update(
        heartbeat_at=timezone.now() - STALE_AFTER - dt.timedelta(minutes=1)
    )
    assert import_run_execute(run_id=run.pk).status == ImportRun.Status.DONE


def test_a_new_person_is_stored_as_a_saved_model_would_be(departments):
    # New staff are written from their values (COPY on PostgreSQL), not through models: every
    # column must hold what saving a Staff with the same values gives, defaults and key included.
    awkward = "O'Brien \\ Tab\tQuote\" Kim"  # the characters COPY and SQL must escape
    rows = [
        STAFF_HEADER,
        staff_row("E1001", "김민수", 영문성명=awkward),
        staff_row("E1002", "이영희", 입사일=""),
    ]
    run = run_import(csv_bytes(rows))

    assert run.status == ImportRun.Status.DONE, run.errors
    for number in ("E1001", "E1002"):
        imported = Staff.objects.get(employee_number=number)
        assert imported.search_key == imported.build_search_key()
        fields = [
            f.attname
            for f in Staff._meta.concrete_fields
            if f.attname not in ("id", "created_at", "updated_at")
        ]
        saved = Staff(**{name: getattr(imported, name) for name in fields if name != "employee_number"})
        saved.employee_number = f"X{number}"
        saved.save()
        saved.refresh_from_db()
        assert {n: getattr(imported, n) for n in fields if n not in ("employee_number", "search_key")} == {
            n: getattr(saved, n) for n in fields if n not in ("employee_number", "search_key")
        }
        assert imported.created_at and imported.updated_at
    kim = Staff.objects.get(employee_number="E1001")
    assert (kim.name_en, kim.is_active, kim.email_notifications, kim.user_id, kim.photo.name) == (
        awkward,
        True,
        True,
        None,
        "",
    )
    assert Staff.objects.get(employee_number="E1002").hired_on is None
