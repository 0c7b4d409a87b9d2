"""The admin import screen, the background path for big files, and the directory snippets."""

import json

import pytest
from django.urls import reverse

from intranet.directory.models import Department, ImportRun, Staff
from tests.factories import DepartmentFactory

from .importing import STAFF_HEADER, csv_bytes, staff_row, upload

pytestmark = pytest.mark.django_db
URL = "/admin/directory/import/"


@pytest.fixture
def hr(login_as):
    return login_as("HR admin")


def post(client, content, name="staff.csv", **fields):
    data = {"kind": "staff", "file": upload(content, name), **fields}
    return client.post(URL, data, follow=True)


def test_hr_admin_sees_the_upload_screen_and_menu(hr):
    response = hr.get(URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="import-submit"' in html and "인사 자료 가져오기" in html
    assert reverse("directory_import") == URL
    assert "directory-import" in hr.get("/admin/").content.decode()


@pytest.mark.parametrize("roles", [(), ("editor",)])
def test_other_roles_are_kept_out(login_as, roles):
    client = login_as(*roles)

    response = client.get(URL)
    assert response.status_code in (302, 403)
    assert client.post(URL, {"kind": "staff"}).status_code in (302, 403)
    if roles:  # admin users without the import permission do not see the menu item
        assert "directory-import" not in client.get("/admin/").content.decode()


def test_superuser_may_import(login_as):
    client = login_as()
    client.staff.user.is_superuser = True
    client.staff.user.save()

    assert client.get(URL).status_code == 200


def test_bad_file_shows_the_korean_error_table_and_writes_nothing(hr):
    DepartmentFactory(code="D100")
    before = Staff.objects.count()
    content = csv_bytes([STAFF_HEADER, staff_row("E1"), staff_row("E2", 이메일="bad", 입사일="2025-02-30")])
    response = post(hr, content)

    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-testid="import-errors"' in html
    assert "이메일 주소 형식이 올바르지 않습니다: bad" in html and "날짜 형식이 올바르지 않습니다" in html
    assert '<th scope="col">행</th>' in html and "사유" in html
    assert Staff.objects.count() == before
    run = ImportRun.objects.get()
    assert run.status == "rejected" and run.uploaded_by == hr.staff


def test_png_renamed_csv_is_refused_and_audited(hr):
    response = post(hr, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", name="photo.csv")

    assert "CSV 파일이 아닙니다" in response.content.decode()
    assert ImportRun.objects.get().status == "rejected"


def test_oversized_upload_is_refused_and_audited(hr, settings):
    settings.IEUM_IMPORT_MAX_BYTES = 100
    response = post(hr, b"a" * 500)

    assert "파일이 너무 큽니다" in response.content.decode()
    assert ImportRun.objects.get().status == "rejected"


def test_good_file_shows_the_summary(hr):
    DepartmentFactory(code="D100")
    response = post(hr, csv_bytes([STAFF_HEADER, staff_row("E1"), staff_row("E2")]))

    html = response.content.decode()
    assert 'data-testid="import-result"' in html and "추가 2" in html
    assert Staff.objects.filter(employee_number__in=["E1", "E2"]).count() == 2
    assert "staff.csv" in hr.get(URL).content.decode()  # listed among past runs


def test_dry_run_from_the_screen(hr):
    DepartmentFactory(code="D100")
    response = post(hr, csv_bytes([STAFF_HEADER, staff_row("E1")]), dry_run="on")

    assert "추가 예정 1" in response.content.decode()
    assert not Staff.objects.filter(employee_number="E1").exists()


def test_big_file_runs_as_a_task_with_progress(hr, settings, django_capture_on_commit_callbacks):
    settings.IEUM_IMPORT_ASYNC_ROWS = 5
    DepartmentFactory(code="D100")
    content = csv_bytes([STAFF_HEADER, *(staff_row(f"E{n}") for n in range(8))])

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = hr.post(URL, {"kind": "staff", "file": upload(content)})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("directory_import_run", args=[run.pk])
    assert (run.status, run.total_rows) == ("queued", 8) and len(callbacks) == 1

    page = hr.get(response.url).content.decode()
    assert f'data-progress-url="/admin/directory/import/{run.pk}/progress/"' in page
    assert "<progress" in page and "data-progress-label" in page and "ieum/ieum.js" in page
    progress = json.loads(hr.get(reverse("directory_import_progress", args=[run.pk])).content)
    assert progress == {"percent": 0, "label": "대기 중입니다…", "finished": False}

    callbacks[0]()  # the on_commit hook queues the task; CELERY_TASK_ALWAYS_EAGER runs it here
    run.refresh_from_db()
    assert (run.status, run.created_count, run.processed_rows) == ("done", 8, 8)
    progress = json.loads(hr.get(reverse("directory_import_progress", args=[run.pk])).content)
    assert progress == {"percent": 100, "label": "완료", "finished": True}


def test_big_file_task_completes_after_commit(hr, settings, django_capture_on_commit_callbacks):
    settings.IEUM_IMPORT_ASYNC_ROWS = 5
    DepartmentFactory(code="D100")
    content = csv_bytes([STAFF_HEADER, *(staff_row(f"E{n}") for n in range(8))])

    with django_capture_on_commit_callbacks(execute=True):
        hr.post(URL, {"kind": "staff", "file": upload(content)})

    assert ImportRun.objects.get().status == "done"
    assert Staff.objects.filter(employee_number__in=[f"E{n}" for n in range(8)]).count() == 8


def test_the_task_is_idempotent(hr):
    from intranet.directory.tasks import import_run_process

    DepartmentFactory(code="D100")
    post(hr, csv_bytes([STAFF_HEADER, staff_row("E1")]))
    run = ImportRun.objects.get()
    Staff.objects.filter(employee_number="E1").delete()

    assert import_run_process.delay(run.pk).get() == "done"
    assert not Staff.objects.filter(employee_number="E1").exists()


def test_progress_endpoint_needs_the_permission(login_as, hr):
    run = ImportRun.objects.create(kind="staff", file_name="a.csv", checksum="0" * 64)

    assert hr.get(reverse("directory_import_progress", args=[run.pk])).status_code == 200
    # Wagtail turns a refusal inside the admin into a redirect with a message.
    assert login_as("editor").get(reverse("directory_import_progress", args=[run.pk])).status_code in (
        302,
        403,
    )


# --- snippets -------------------------------------------------------------------------------


@pytest.mark.parametrize("model", ["department", "staff", "importrun", "personaldataaccess"])
def test_hr_admin_lists_directory_records(hr, model):
    DepartmentFactory(code="D100", name="정보화교육팀")
    ImportRun.objects.create(kind="staff", file_name="a.csv", checksum="0" * 64)

    assert hr.get(f"/admin/snippets/directory/{model}/").status_code == 200


def test_staff_list_searches_and_filters(hr):
    department = DepartmentFactory(code="D100", name="정보화교육팀")
    Staff.objects.create(employee_number="S1", name="홍길동", department=department)

    response = hr.get("/admin/snippets/directory/staff/", {"q": "길동", "department": department.pk})
    assert response.status_code == 200 and "홍길동" in response.content.decode()


def test_hr_admin_edits_departments(hr):
    department = DepartmentFactory(code="D100", name="옛이름")

    response = hr.post(
        f"/admin/snippets/directory/department/edit/{department.pk}/",
        {"code": "D100", "name": "새이름", "sort_order": 0, "is_active": "on"},
    )
    assert response.status_code == 302
    assert Department.objects.get(pk=department.pk).name == "새이름"


def test_staff_and_departments_are_never_deleted_from_the_admin(login_as):
    client = login_as("HR admin")
    client.staff.user.is_superuser = True
    client.staff.user.save()
    department = DepartmentFactory(code="D1")

    assert client.post(f"/admin/snippets/directory/department/delete/{department.pk}/").status_code in (
        302,
        403,
    )
    assert client.post(f"/admin/snippets/directory/staff/delete/{client.staff.pk}/").status_code in (302, 403)
    assert (
        Department.objects.filter(pk=department.pk).exists()
        and Staff.objects.filter(pk=client.staff.pk).exists()
    )


@pytest.mark.parametrize("model", ["importrun", "personaldataaccess"])
def test_audit_records_are_read_only_even_for_superusers(login_as, model):
    client = login_as("HR admin")
    client.staff.user.is_superuser = True
    client.staff.user.save()
    run = ImportRun.objects.create(kind="staff", file_name="a.csv", checksum="0" * 64)

    assert client.get(f"/admin/snippets/directory/{model}/add/").status_code in (302, 403)
    if model == "importrun":
        assert client.get(f"/admin/snippets/directory/importrun/edit/{run.pk}/").status_code in (302, 403)
        assert client.get(f"/admin/snippets/directory/importrun/inspect/{run.pk}/").status_code == 200
        assert client.post(f"/admin/snippets/directory/importrun/delete/{run.pk}/").status_code in (302, 403)
        assert ImportRun.objects.filter(pk=run.pk).exists()
