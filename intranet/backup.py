"""Backups that restore everything: the database, MEDIA_ROOT and the private files beside it,
with a manifest of SHA-256 checksums (``manage.py backup`` and ``manage.py restore``).

A backup is one folder::

    manifest.json        format, engine, when, and the SHA-256 and size of every file below
    database.dump        PostgreSQL: ``pg_dump --format=custom`` (restored with ``pg_restore``)
    database.sqlite3     SQLite: a consistent copy made with SQLite's online backup API
    media/...            a copy of MEDIA_ROOT
    private-media/...    a copy of the private root (learning evidence, PR attachments, …)

The database is dumped before the files are copied, so every file a row names is in the backup.
A restore checks every checksum before it changes anything, and goes only into an empty database
and empty folders: a new environment, never over a live one.
"""

import datetime as dt
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils.translation import gettext as _

from .storage import private_media_root

FORMAT = 1
MANIFEST = "manifest.json"
FOLDERS = {"media": lambda: Path(settings.MEDIA_ROOT), "private-media": private_media_root}
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Korean."""


@dataclass
class BackupSummary:
    folder: Path
    files: int
    bytes: int


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _engine(alias: str) -> str:
    vendor = connections[alias].vendor
    if vendor not in ("postgresql", "sqlite"):
        raise BackupError(_("%(engine)s 데이터베이스는 백업할 수 없습니다.") % {"engine": vendor})
    return vendor


def _pg_command(program: str, alias: str) -> tuple[list[str], dict]:
    """The program with the connection's address and user, the password in the environment."""
    params = connections[alias].settings_dict
    args = [program, "--no-owner", "--no-privileges"]
    for flag, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            args += [flag, str(params[key])]
    env = {**os.environ}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return args, env


def _run(args: list[str], env: dict) -> None:
    try:
        result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(
            _("%(program)s 프로그램이 없습니다. PostgreSQL 클라이언트를 설치해 주세요.")
            % {"program": args[0]}
        ) from None
    if result.returncode != 0:
        raise BackupError(
            _("%(program)s 실행이 실패했습니다: %(reason)s")
            % {"program": args[0], "reason": result.stderr.strip()[-2000:]}
        )


def _database_dump(alias: str, folder: Path) -> Path:
    engine = _engine(alias)
    if engine == "postgresql":
        target = folder / "database.dump"
        args, env = _pg_command("pg_dump", alias)
        _run([*args, "--format=custom", "--file", str(target), connections[alias].settings_dict["NAME"]], env)
        return target
    target = folder / "database.sqlite3"
    connection = connections[alias]
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()
    return target


def backup_create(
    *, destination: Path, alias: str = "default", now: dt.datetime | None = None
) -> BackupSummary:
    """Write a new backup folder under ``destination`` and return it with its size."""
    now = now or dt.datetime.now(dt.UTC)
    folder = Path(destination).resolve() / f"ieum-backup-{now:%Y%m%d-%H%M%S}"
    for root in FOLDERS.values():
        if folder.is_relative_to(root().resolve()):
            raise BackupError(
                _("백업 폴더를 백업할 폴더 안에 만들 수 없습니다: %(folder)s") % {"folder": folder}
            )
    if folder.exists():
        raise BackupError(_("백업 폴더가 이미 있습니다: %(folder)s") % {"folder": folder})
    folder.mkdir(parents=True)
    database = _database_dump(alias, folder)
    for name, root in FOLDERS.items():
        source = root()
        if source.is_dir():
            shutil.copytree(source, folder / name, symlinks=False)
        else:
            (folder / name).mkdir()
    files = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        relative = path.relative_to(folder).as_posix()
        files[relative] = {"sha256": sha256_of(path), "size": path.stat().st_size}
    manifest = {
        "format": FORMAT,
        "created_at": now.isoformat(),
        "engine": _engine(alias),
        "database": database.name,
        "files": files,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    return BackupSummary(folder=folder, files=len(files), bytes=sum(f["size"] for f in files.values()))


def backup_verify(folder: Path) -> dict:
    """The manifest, once every file it lists is present with its size and SHA-256 (and nothing
    outside it lies in the backup's folders); raises BackupError naming the first file that is
    not."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise BackupError(
            _("백업 폴더에 읽을 수 있는 manifest.json이 없습니다: %(folder)s") % {"folder": folder}
        ) from None
    if manifest.get("format") != FORMAT or not isinstance(manifest.get("files"), dict):
        raise BackupError(_("이 백업의 형식을 알 수 없습니다."))
    for relative, expected in manifest["files"].items():
        path = folder / relative
        if ".." in Path(relative).parts or not path.is_file():
            raise BackupError(_("백업 파일이 없습니다: %(path)s. 복원하지 않았습니다.") % {"path": relative})
        if path.stat().st_size != expected.get("size") or sha256_of(path) != expected.get("sha256"):
            raise BackupError(
                _(
                    "백업 파일의 체크섬이 맞지 않습니다: %(path)s. "
                    "파일이 손상되었거나 바뀌었으므로 복원하지 않았습니다."
                )
                % {"path": relative}
            )
    listed = set(manifest["files"])
    for name in FOLDERS:
        for path in (folder / name).rglob("*") if (folder / name).is_dir() else ():
            if path.is_file() and path.relative_to(folder).as_posix() not in listed:
                raise BackupError(
                    _("manifest에 없는 파일이 백업에 있습니다: %(path)s. 복원하지 않았습니다.")
                    % {"path": path.relative_to(folder).as_posix()}
                )
    if manifest.get("database") not in listed:
        raise BackupError(_("백업에 데이터베이스 파일이 없습니다."))
    return manifest


def _require_empty(alias: str) -> None:
    if connections[alias].vendor == "sqlite":  # a new installation: its folder may not exist yet
        Path(connections[alias].settings_dict["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    tables = connections[alias].introspection.table_names()
    if tables:
        raise BackupError(
            _(
                "복원할 데이터베이스가 비어 있지 않습니다 (표 %(count)s개). "
                "빈 데이터베이스를 만들어 지정해 주세요."
            )
            % {"count": len(tables)}
        )
    for name, root in FOLDERS.items():
        target = root()
        if target.exists() and any(p.name != ".gitkeep" for p in target.iterdir()):
            raise BackupError(
                _("복원할 폴더가 비어 있지 않습니다: %(folder)s (%(name)s). 빈 폴더를 지정해 주세요.")
                % {"folder": target, "name": name}
            )


def backup_restore(*, folder: Path, alias: str = "default") -> dict:
    """Check the backup, then restore its database and files into an empty database and empty
    folders. Nothing is changed when a check fails."""
    folder = Path(folder)
    manifest = backup_verify(folder)
    engine = _engine(alias)
    if manifest.get("engine") != engine:
        raise BackupError(
            _("%(source)s 백업은 %(target)s 데이터베이스에 복원할 수 없습니다.")
            % {"source": manifest.get("engine"), "target": engine}
        )
    _require_empty(alias)
    database = folder / manifest["database"]
    connection = connections[alias]
    if engine == "postgresql":
        connection.close()
        args, env = _pg_command("pg_restore", alias)
        _run(
            [
                *args,
                "--exit-on-error",
                "--single-transaction",
                "--dbname",
                connection.settings_dict["NAME"],
                str(database),
            ],
            env,
        )
    else:
        connection.ensure_connection()
        source = sqlite3.connect(database)
        try:
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()
    for name, root in FOLDERS.items():
        if (folder / name).is_dir():
            shutil.copytree(folder / name, root(), dirs_exist_ok=True)
    return manifest
