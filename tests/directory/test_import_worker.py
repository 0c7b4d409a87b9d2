"""A big upload goes through a real Celery worker.

Its own module: a module-level ``django_db`` marker would set the database up before the
migrated-state guard of ``tests/db_state.py`` runs (see there), and the HR admin role's
permissions come from the migrated state.
"""

import pytest

from intranet.directory.models import ImportRun, Staff
from tests.factories import DepartmentFactory
from tests.worker import wait_for

from .importing import STAFF_HEADER, csv_bytes, staff_row, upload

URL = "/admin/directory/import/"


@pytest.mark.worker
def test_big_file_goes_through_a_real_worker(migrated_db, celery_worker_process, login_as, settings):
    settings.IEUM_IMPORT_ASYNC_ROWS = 5
    client = login_as("HR admin")
    DepartmentFactory(code="D100")
    numbers = [f"W{n}" for n in range(12)]
    content = csv_bytes([STAFF_HEADER, *(staff_row(number) for number in numbers)])

    response = client.post(URL, {"kind": "staff", "file": upload(content)})
    run = ImportRun.objects.get()
    assert response.status_code == 302 and run.status in ("queued", "running", "done")

    def finished():
        run.refresh_from_db()
        return run.status not in ("queued", "running")

    wait_for(finished, timeout=60)
    assert (run.status, run.created_count) == ("done", 12)
    assert Staff.objects.filter(employee_number__in=numbers).count() == 12
