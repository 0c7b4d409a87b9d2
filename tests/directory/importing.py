"""Build HR export files in memory and run them through the import, for the import tests."""

import csv
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from intranet.directory.imports import import_run_execute, import_run_start
from intranet.directory.models import ImportRun

STAFF_HEADER = [
    "사번",
    "성명",
    "영문성명",
    "부서코드",
    "직급",
    "직위",
    "이메일",
    "내선번호",
    "휴대전화",
    "입사일",
]
DEPARTMENT_HEADER = ["부서코드", "부서명", "상위부서코드", "부서장사번"]


def staff_row(number="E1001", name="김민수", department="D100", **overrides) -> list[str]:
    row = {
        "사번": number,
        "성명": name,
        "영문성명": "Kim Minsu",
        "부서코드": department,
        "직급": "5급",
        "직위": "팀원",
        "이메일": f"{number.lower()}@agency.example",
        "내선번호": "1234",
        "휴대전화": "010-1234-5678",
        "입사일": "2025-03-14",
    }
    row.update(overrides)
    return [row[h] for h in STAFF_HEADER]


def csv_bytes(rows: list[list], encoding: str = "utf-8") -> bytes:
    text = io.StringIO()
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    return text.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list]) -> bytes:
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(content: bytes, name: str = "staff.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def run_import(content: bytes, *, kind: str = "staff", name: str = "staff.csv", **options) -> ImportRun:
    """Start and execute a run the way the management commands do."""
    run = import_run_start(
        kind=kind, source=upload(content, name), file_name=name, size=len(content), **options
    )
    if run.status == ImportRun.Status.QUEUED:
        run = import_run_execute(run_id=run.pk)
    run.refresh_from_db()
    return run


def issues(run: ImportRun) -> list[tuple]:
    return [(e["row"], e["column"], e["message"]) for e in run.errors]
