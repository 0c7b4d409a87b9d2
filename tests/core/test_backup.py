"""Backups restore everything (issue #12, point 7): the seeded demo is backed up, restored into an
empty database and empty folders by another process, as an operator would, and compared table by
table and file by file; the restored site serves a private evidence file. Runs on the suite's
engine: PostgreSQL (pg_dump/pg_restore into a new database) or SQLite (its backup API into a new
file). A backup whose checksums do not match is refused before anything changes."""

import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from intranet.backup import MANIFEST
from tests.core.backup_probe import file_checksums, table_counts

ROOT = Path(settings.BASE_DIR)


def backup(destination: Path) -> Path:
    out = io.StringIO()
    call_command("backup", str(destination), stdout=out)
    return Path(out.getvalue().strip().splitlines()[-1])


@pytest.fixture
def empty_environment(tmp_path):
    """The environment of a new, empty installation: its own var/ folder (so empty media folders
    and, on SQLite, a new database file) and, on PostgreSQL, a new empty database."""
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "MEDIA_ROOT", "IEUM_PRIVATE_MEDIA_ROOT")
    }
    env.update(IEUM_VAR_DIR=str(tmp_path / "restored"), DJANGO_SETTINGS_MODULE="intranet.settings.test")
    name = None
    if connection.vendor == "postgresql":
        params = connection.settings_dict
        name = f"{params['NAME']}_restore"[:63]
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
            cursor.execute(f'CREATE DATABASE "{name}"')
        auth = params["USER"] + (f":{params['PASSWORD']}" if params.get("PASSWORD") else "")
        env["DATABASE_URL"] = (
            f"postgres://{auth}@{params['HOST'] or 'localhost'}:{params['PORT'] or 5432}/{name}"
        )
    yield env
    if name:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def manage(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )


@pytest.mark.django_db(transaction=True)
def test_the_demo_is_restored_whole_into_an_empty_database_and_folders(tmp_path, empty_environment):
    call_command("seed_demo", "--photos", stdout=io.StringIO())  # scale 1, the smallest
    counts, files = table_counts(connection), file_checksums()
    assert any(name.startswith("private-media/learning-records/") for name in files)
    assert any(name.startswith("media/staff-photos/") for name in files)
    assert counts["learning_records_externalrecord"] > 0

    folder = backup(tmp_path / "backups")
    manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    assert manifest["engine"] == connection.vendor
    assert {n: f["sha256"] for n, f in manifest["files"].items() if n != manifest["database"]} == files

    restored = manage(empty_environment, "restore", str(folder))
    assert restored.returncode == 0, restored.stderr
    assert "복원했습니다" in restored.stdout

    probe = subprocess.run(
        [sys.executable, "-m", "tests.core.backup_probe"],
        cwd=ROOT,
        env=empty_environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert probe.returncode == 0, probe.stderr
    result = json.loads(probe.stdout.strip().splitlines()[-1])
    assert result["counts"] == counts  # every table, row for row
    assert result["files"] == files  # every file, byte for byte
    evidence = result["evidence"]
    assert evidence["status"] == 200 and evidence["disposition"].startswith("attachment;")
    assert evidence["sha256"] == files[evidence["name"]]

    # Restoring twice is refused: the database and folders are no longer empty.
    again = manage(empty_environment, "restore", str(folder))
    assert again.returncode != 0 and "비어 있지 않습니다" in again.stderr


@pytest.mark.django_db(transaction=True)
def test_a_backup_whose_checksums_do_not_match_is_refused_in_korean(tmp_path):
    photo = Path(settings.MEDIA_ROOT) / "staff-photos" / "kim.png"
    photo.parent.mkdir(parents=True)
    photo.write_bytes(b"\x89PNG original")
    folder = backup(tmp_path / "backups")
    call_command("restore", str(folder), "--check-only", stdout=io.StringIO())

    (folder / "media" / "staff-photos" / "kim.png").write_bytes(b"\x89PNG tampered")
    with pytest.raises(CommandError, match=re.escape("체크섬이 맞지 않습니다: media/staff-photos/kim.png")):
        call_command("restore", str(folder), stdout=io.StringIO())

    (folder / "media" / "staff-photos" / "kim.png").write_bytes(b"\x89PNG original")
    (folder / "media" / "staff-photos" / "extra.js").write_bytes(b"alert(1)")
    with pytest.raises(CommandError, match="manifest에 없는 파일"):
        call_command("restore", str(folder), stdout=io.StringIO())

    (folder / "media" / "staff-photos" / "extra.js").unlink()
    (folder / manifest_database(folder)).unlink()
    with pytest.raises(CommandError, match="백업 파일이 없습니다"):
        call_command("restore", str(folder), stdout=io.StringIO())


def manifest_database(folder: Path) -> str:
    return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["database"]


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_is_not_empty(tmp_path):
    folder = backup(tmp_path / "backups")
    with pytest.raises(CommandError, match="비어 있지 않습니다"):
        call_command("restore", str(folder), stdout=io.StringIO())
