"""The embedded default (`make run` with no servers) across processes and folders (issue 14,
points 4 and 5): one cache shared by web, worker and commands; IEUM_VAR_DIR is created; the venv
stamp compares lock.txt's contents, not its time."""

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.test import override_settings

from intranet.directory import selectors
from tests.factories import DepartmentFactory, StaffFactory
from tests.worker import database_url

from ..directory.importing import STAFF_HEADER, csv_bytes, staff_row

ROOT = Path(settings.BASE_DIR)


def manage(*args, env: dict, timeout: int = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**os.environ, **env},
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_the_embedded_default_cache_is_shared_by_every_process():
    """Each process's memory of cached figures is keyed by a generation read from the cache
    configured here: files under var/, which every process of `make run` opens."""
    backend = settings.CACHES["default"]["BACKEND"]
    if os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL set: the shared cache is Redis")
    from importlib import reload

    from intranet.settings import base

    assert backend.endswith("LocMemCache")  # the tests' own, per process (see settings/test.py)
    reloaded = reload(base)
    cache = reloaded.CACHES["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.filebased.FileBasedCache"
    assert Path(cache["LOCATION"]).is_relative_to(reloaded.VAR_DIR)


@pytest.mark.django_db(transaction=True)
def test_an_import_in_another_process_refreshes_the_org_chart_here(tmp_path):
    cache_dir = tmp_path / "cache"
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                "LOCATION": str(cache_dir),
            }
        }
    ):
        team = DepartmentFactory(code="D100", name="정보화교육팀")
        StaffFactory(department=team)
        assert selectors.org_totals()[team.pk][0] == 1  # computed and kept in this process
        assert selectors.org_totals()[team.pk][0] == 1  # and read again from this process's memory

        staff_file = tmp_path / "직원.csv"
        rows = [STAFF_HEADER, *(staff_row(f"E{n}", department="D100") for n in range(1, 4))]
        staff_file.write_bytes(csv_bytes(rows, "utf-8"))
        done = manage(
            "import_staff",
            str(staff_file),
            env={
                "DJANGO_SETTINGS_MODULE": "intranet.settings.test",
                "DATABASE_URL": database_url(),
                "IEUM_TEST_DB_NAME": settings.DATABASES["default"]["NAME"],
                "IEUM_TEST_CACHE_DIR": str(cache_dir),
            },
        )
        assert done.returncode == 0, done.stderr
        assert "추가 3" in done.stdout

        # This process did nothing, yet reads the new figure at once (not after ten minutes).
        assert selectors.org_totals()[team.pk][0] == 4


def test_a_var_dir_that_does_not_exist_yet_is_created(tmp_path):
    var_dir = tmp_path / "somewhere" / "var"
    env = {
        "DJANGO_SETTINGS_MODULE": "intranet.settings.dev",
        "IEUM_VAR_DIR": str(var_dir),
        "DATABASE_URL": "",
    }
    done = manage(
        "shell",
        "-c",
        "from django.db import connection; connection.ensure_connection(); print('ok')",
        env=env,
    )
    assert done.returncode == 0, done.stderr
    assert "ok" in done.stdout
    assert (var_dir / "ieum.sqlite3").exists()


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_a_fresh_clone_with_a_ready_venv_installs_nothing(tmp_path):
    """A clone's lock.txt is newer than the venv's stamp; only different contents reinstall."""
    (tmp_path / "requirements").mkdir()
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    lock = tmp_path / "requirements" / "lock.txt"
    lock.write_text("django==5.2\n")
    checksum = subprocess.run(
        ["cksum"], stdin=lock.open("rb"), capture_output=True, text=True
    ).stdout.split()[0]
    venv = tmp_path / ".venv"
    (venv / "bin").mkdir(parents=True)
    stamp = venv / f".installed-{checksum}"
    stamp.touch()
    old = time.time() - 3600
    os.utime(stamp, (old, old))  # the venv was made an hour ago; the clone's lock.txt is new

    dry = subprocess.run(["make", "-n", "venv"], cwd=tmp_path, capture_output=True, text=True)
    assert "pip install" not in dry.stdout, dry.stdout

    lock.write_text("django==5.2.1\n")  # changed contents: a new stamp name, so it installs
    dry = subprocess.run(["make", "-n", "venv"], cwd=tmp_path, capture_output=True, text=True)
    assert "pip install" in dry.stdout
