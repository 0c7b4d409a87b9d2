"""Uploads: an XLSX bomb is refused before anything parses it, in every import path, and a
replaced or deleted file leaves storage once the change commits (never before)."""

import datetime as dt
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from intranet.directory.imports import (
    ImportRejected,
    import_rows_estimate,
    import_run_execute,
    import_run_start,
)
from intranet.directory.models import ImportRun
from intranet.uploads import xlsx_inflation_problem
from newsroom.activity.models import PrActivity, PrAttachment
from newsroom.activity.services import attachment_remove
from tests.core.test_media import PNG
from tests.factories import StaffFactory

pytestmark = pytest.mark.django_db

SHEET_HEAD = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<dimension ref="A1:A2"/><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>사번</t></is></c></row>'
).encode()
SHEET_TAIL = b"</sheetData></worksheet>"


def workbook_bytes(rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def with_sheet(xlsx: bytes, sheet: bytes) -> bytes:
    """The same workbook with its first sheet's XML replaced."""
    source, out = zipfile.ZipFile(io.BytesIO(xlsx)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for part in source.infolist():
            data = sheet if part.filename == "xl/worksheets/sheet1.xml" else source.read(part)
            target.writestr(part.filename, data)
    return out.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A small valid-looking XLSX whose sheet inflates to 60 MiB (whitespace between rows)."""
    sheet = SHEET_HEAD + b" " * (60 * 1024 * 1024) + SHEET_TAIL
    data = with_sheet(workbook_bytes([["사번"], ["E1"]]), sheet)
    assert len(data) < 100 * 1024  # tens of kilobytes on the wire
    return data


@pytest.fixture
def no_parsing(monkeypatch):
    """Fail the test if openpyxl or pandas opens a workbook."""

    def refuse(*args, **kwargs):
        raise AssertionError("the workbook was parsed")

    import pandas

    monkeypatch.setattr(pandas, "read_excel", refuse)
    monkeypatch.setattr(openpyxl, "load_workbook", refuse)
    monkeypatch.setattr(openpyxl.reader.excel, "load_workbook", refuse)


def test_the_bomb_is_recognised_and_a_real_sheet_is_not(bomb, tmp_path):
    path = tmp_path / "bomb.xlsx"
    path.write_bytes(bomb)
    assert "압축률이 비정상적으로 높아" in xlsx_inflation_problem(path)
    real = tmp_path / "staff.xlsx"
    real.write_bytes(workbook_bytes([["사번", "성명", "부서코드", "이메일"]] + [
        [f"E{n:05d}", "김민수", f"D{n % 40:03d}", f"user{n}@agency.example"] for n in range(12000)
    ]))  # fmt: skip
    assert max(p.file_size for p in zipfile.ZipFile(real).infolist()) > 1024 * 1024  # ratio is judged
    assert xlsx_inflation_problem(real) is None
    assert import_rows_estimate(real) == 12000


def test_the_total_unzipped_size_is_limited(settings, tmp_path):
    settings.IEUM_XLSX_MAX_UNZIPPED_BYTES = 10 * 1024
    path = tmp_path / "staff.xlsx"
    path.write_bytes(workbook_bytes([["사번"], *([f"E{n}"] for n in range(500))]))
    assert "압축을 풀면" in xlsx_inflation_problem(path)


def test_a_sheet_lying_about_its_size_is_estimated_by_its_bytes(tmp_path):
    rows = b"".join(b'<row r="%d"><c r="A%d"><v>%d</v></c></row>' % (n, n, n) for n in range(2, 40000))
    path = tmp_path / "list.xlsx"
    path.write_bytes(with_sheet(workbook_bytes([["사번"]]), SHEET_HEAD + rows + SHEET_TAIL))
    assert import_rows_estimate(path) > 1000  # the dimension says 2 rows


def test_hr_import_refuses_the_bomb_before_parsing_and_audits_it(login_as, bomb, no_parsing):
    hr = login_as("HR admin")
    folder = Path(settings.VAR_DIR) / "imports"
    before = set(folder.glob("*")) if folder.exists() else set()
    upload = SimpleUploadedFile("staff.xlsx", bomb)
    response = hr.post("/admin/directory/import/", {"kind": "staff", "file": upload}, follow=True)
    assert "압축률이 비정상적으로 높아" in response.content.decode()
    run = ImportRun.objects.get()
    assert run.status == ImportRun.Status.REJECTED and not run.file_path
    assert set(folder.glob("*")) == before  # the stored copy is gone


def test_the_worker_refuses_a_bomb_too(bomb, no_parsing, tmp_path):
    """Defence in depth: whatever reaches the reader (a queued run, a command) is checked again."""
    good = tmp_path / "staff.xlsx"
    good.write_bytes(workbook_bytes([["사번"], ["E1"]]))
    run = import_run_start(kind="staff", source=good, file_name="staff.xlsx", size=good.stat().st_size)
    Path(run.file_path).write_bytes(bomb)
    run = import_run_execute(run_id=run.pk)
    assert run.status == ImportRun.Status.REJECTED
    assert "압축률이 비정상적으로 높아" in run.errors[0]["message"]


def test_programme_import_refuses_the_bomb(bomb, no_parsing, tmp_path):
    from performance.services import programme_import
    from tests.performance.builders import build_plan

    path = tmp_path / "programmes.xlsx"
    path.write_bytes(bomb)
    with pytest.raises(ImportRejected) as rejected:
        programme_import(plan=build_plan(), path=path)
    assert "압축률이 비정상적으로 높아" in rejected.value.issues[0].message


def test_roster_list_refuses_a_bomb_and_an_overlong_list_in_the_request(login_as, bomb, no_parsing, settings):
    from tests.learning.builders import build_session

    admin, session = login_as("learning admin"), build_session(capacity=5)
    url = f"/learning/manage/sessions/{session.pk}/list/"
    response = admin.post(url, {"file": SimpleUploadedFile("명단.xlsx", bomb)}, follow=True)
    assert "압축률이 비정상적으로 높아" in response.content.decode()
    settings.IEUM_IMPORT_ASYNC_ROWS = 3
    long_list = "사번\n" + "\n".join(f"E{n}" for n in range(10)) + "\n"
    response = admin.post(url, {"file": SimpleUploadedFile("명단.csv", long_list.encode())}, follow=True)
    assert "명단은 한 번에 3명까지" in response.content.decode()
    assert not session.enrolments.exists()


# --- replaced and deleted files leave storage on commit -------------------------------------------


def test_a_replaced_profile_photo_is_deleted_once_the_change_commits(
    login_as, django_capture_on_commit_callbacks
):
    client = login_as()
    url = reverse("directory:profile_edit", kwargs={"employee_number": client.staff.employee_number})
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"photo": SimpleUploadedFile("first.png", PNG), "bio": ""})
    client.staff.refresh_from_db()
    first = Path(client.staff.photo.path)
    assert first.is_file()
    first_url = f"/media/{client.staff.photo.name}"
    assert client.get(first_url).status_code == 200
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        client.post(url, {"photo": SimpleUploadedFile("second.png", PNG), "bio": ""})
    assert first.is_file()  # nothing is deleted before the commit
    for callback in callbacks:
        callback()
    client.staff.refresh_from_db()
    assert not first.exists() and Path(client.staff.photo.path).is_file()
    assert client.get(first_url).status_code == 404


def test_a_photo_of_another_type_is_refused_in_korean(login_as):
    from PIL import Image

    gif = io.BytesIO()
    Image.new("RGB", (2, 2)).save(gif, "GIF")
    client = login_as()
    url = reverse("directory:profile_edit", kwargs={"employee_number": client.staff.employee_number})
    response = client.post(url, {"photo": SimpleUploadedFile("me.gif", gif.getvalue()), "bio": ""})
    assert "사진은 JPG, PNG, WEBP 파일만" in response.content.decode()


def test_a_removed_private_attachment_leaves_storage_only_on_commit(django_capture_on_commit_callbacks):
    from tests.factories import staff_with_login

    editor = staff_with_login(roles=["editor"])
    activity = PrActivity.objects.create(date=dt.date(2025, 5, 8), channel="press_release", title="보도")
    attachment = PrAttachment.objects.create(activity=activity, file=SimpleUploadedFile("a.pdf", b"%PDF"))
    stored = Path(attachment.file.path)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        attachment_remove(by=editor, attachment=attachment)
    assert stored.is_file()  # a rolled-back removal would keep its file
    for callback in callbacks:
        callback()
    assert not stored.exists()


def test_a_name_still_used_by_another_row_is_kept(django_capture_on_commit_callbacks):
    first, second = StaffFactory(), StaffFactory()
    first.photo.save("shared.png", ContentFile(PNG), save=True)
    type(second).objects.filter(pk=second.pk).update(photo=first.photo.name)
    stored = Path(first.photo.path)
    with django_capture_on_commit_callbacks(execute=True):
        first.delete()
    assert stored.is_file()
