"""Uploaded files: limits on evidence files (survey follow-up, programme updates, …), the check
that refuses an XLSX bomb before anything parses it, and the clean-up that removes a replaced or
deleted file from storage."""

import functools
import re
import zipfile
from pathlib import Path

from django import forms
from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models import signals
from django.utils.translation import gettext as _

EVIDENCE_EXTENSIONS = ("pdf", "hwp", "hwpx", "docx", "xlsx", "pptx", "jpg", "jpeg", "png")
EVIDENCE_MAX_MB = 10


def evidence_check(upload, *, current=None):
    """Refuse an evidence file of another type or over the size limit, saying which and why.

    ``current`` is the file already stored on the record: keeping it is not a new upload.
    """
    if not upload or not hasattr(upload, "size") or upload == current:
        return upload
    extension = Path(upload.name).suffix.lower().lstrip(".")
    if extension not in EVIDENCE_EXTENSIONS:
        raise forms.ValidationError(
            _("근거 자료는 %(types)s 파일만 올릴 수 있습니다. (올린 파일: %(name)s)")
            % {"types": ", ".join(e.upper() for e in EVIDENCE_EXTENSIONS), "name": upload.name}
        )
    if upload.size > EVIDENCE_MAX_MB * 1024 * 1024:
        raise forms.ValidationError(
            _("근거 자료는 %(limit)sMB 이하만 올릴 수 있습니다. (올린 파일: %(size).1fMB)")
            % {"limit": EVIDENCE_MAX_MB, "size": upload.size / 1024 / 1024}
        )
    return upload


# ---------------------------------------------------------------------------------------------
# XLSX files: a zip, judged by its directory before openpyxl or pandas inflate anything.

XLSX_SMALL_PART = 1024 * 1024  # parts below this may compress as well as they like
XLSX_MAX_PARTS = 10_000
DIMENSION_RE = re.compile(rb'<(?:\w+:)?dimension\s+ref="[A-Z]+\d+(?::[A-Z]+(\d+))?"')


def xlsx_inflation_problem(path) -> str | None:
    """Why an XLSX must not be parsed: its parts would inflate past the limit, or a large part is
    compressed far more than any real sheet (a 62 KB file holding a 60 MiB sheet). Reads only the
    zip's directory; Python's zipfile then never inflates a part beyond its declared size (a part
    that lies fails its CRC check), so the declared sizes bound what parsing can use.
    A file that is not a zip at all passes here: the reader reports it as damaged."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return None
    limit, ratio = settings.IEUM_XLSX_MAX_UNZIPPED_BYTES, settings.IEUM_XLSX_MAX_RATIO
    total = sum(part.file_size for part in parts)
    if total > limit or len(parts) > XLSX_MAX_PARTS:
        return _(
            "XLSX 파일의 압축을 풀면 %(size)s MB가 되어 처리할 수 없습니다 (최대 %(limit)s MB). "
            "자료를 나누어 올려 주세요."
        ) % {"size": round(total / 1024 / 1024, 1), "limit": round(limit / 1024 / 1024)}
    for part in parts:
        if part.file_size > XLSX_SMALL_PART and part.file_size > ratio * max(part.compress_size, 1):
            return _(
                "XLSX 파일의 압축률이 비정상적으로 높아 열지 않았습니다 (%(name)s: %(size)s MB가 "
                "%(packed)s KB로 압축됨). Excel에서 새 파일로 다시 저장해 주세요."
            ) % {
                "name": part.filename,
                "size": round(part.file_size / 1024 / 1024, 1),
                "packed": round(part.compress_size / 1024, 1),
            }
    return None


def xlsx_rows_estimate(path, *, bytes_per_row: int = 1000) -> int:
    """Rows of the largest worksheet, without parsing it: the row count its ``dimension`` declares,
    or one row per ``bytes_per_row`` of its XML if that is more (a sheet may lie about its size,
    not about its bytes). Call after ``xlsx_inflation_problem``; 0 if the file is no zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            best = 0
            for part in archive.infolist():
                if not (part.filename.startswith("xl/worksheets/") and part.filename.endswith(".xml")):
                    continue
                with archive.open(part) as handle:
                    match = DIMENSION_RE.search(handle.read(4096))
                declared = int(match.group(1)) if match and match.group(1) else 0
                best = max(best, declared, part.file_size // bytes_per_row)
            return best
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return 0


# ---------------------------------------------------------------------------------------------
# Replaced and deleted files leave storage (once the change commits).


@functools.cache
def _file_fields(model) -> tuple:
    """The model's file fields, found once per model: ``_remember`` runs for every row loaded
    (20,000 times for an HR import), and the fields of a model do not change after start-up."""
    return tuple(f for f in model._meta.concrete_fields if isinstance(f, models.FileField))


def _name(value) -> str:
    return (getattr(value, "name", value) or "") if value is not None else ""


def _remember(sender, instance, **kwargs):
    """The names the row had when loaded: ``post_save`` compares against them. A deferred field is
    not read (that would cost a query); its file is then never cleaned by a replacement."""
    instance._ieum_stored_files = {
        f.attname: _name(instance.__dict__.get(f.attname))
        for f in _file_fields(sender)
        if f.attname in instance.__dict__
    }


def _delete_when_unused(model, field, name: str) -> None:
    """Delete ``name`` from the field's storage after the commit, unless a row still uses it (a
    rolled-back change keeps its file; a name copied to another row is not taken from it)."""

    def delete():
        if not model._default_manager.filter(**{field.attname: name}).exists():
            field.storage.delete(name)

    transaction.on_commit(delete)


def _after_save(sender, instance, **kwargs):
    stored = getattr(instance, "_ieum_stored_files", {})
    for field in _file_fields(sender):
        if field.attname not in instance.__dict__:
            continue
        new = _name(instance.__dict__[field.attname])
        old = stored.get(field.attname, "")
        if old and old != new:
            _delete_when_unused(sender, field, old)
        stored[field.attname] = new
    instance._ieum_stored_files = stored


def _after_delete(sender, instance, **kwargs):
    for field in _file_fields(sender):
        name = _name(instance.__dict__.get(field.attname))
        if name:
            _delete_when_unused(sender, field, name)


def stored_files_cleanup_connect() -> None:
    """Connect the clean-up for every model of this project with a file field (Wagtail's images
    and documents clean up after themselves). Called once from ``IntranetConfig.ready``."""
    base = Path(settings.BASE_DIR).resolve()
    for model in apps.get_models():
        path = Path(model._meta.app_config.path).resolve()
        if not path.is_relative_to(base) or "site-packages" in path.parts or not _file_fields(model):
            continue
        uid = f"ieum-files-{model._meta.label}"
        signals.post_init.connect(_remember, sender=model, dispatch_uid=uid, weak=False)
        signals.post_save.connect(_after_save, sender=model, dispatch_uid=uid, weak=False)
        signals.post_delete.connect(_after_delete, sender=model, dispatch_uid=uid, weak=False)
