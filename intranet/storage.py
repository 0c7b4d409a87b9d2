"""Where uploaded files live, and which of them ``/media/`` may serve.

Two roots:
- ``MEDIA_ROOT``: files every signed-in member of staff may see (Wagtail images and their
  renditions, staff photos, programme progress evidence). ``/media/`` serves only the folders in
  ``PUBLIC_MEDIA_FOLDERS`` from it, and only images Ieum itself renders inline.
- ``IEUM_PRIVATE_MEDIA_ROOT`` (default ``private-media/`` beside ``MEDIA_ROOT``): files with an
  access rule (learning evidence, PR attachments, partnership documents, contest entries, survey
  improvement-task evidence). Nothing serves this folder; each file goes out only through the view
  of its record, which checks who asks. Backups (``manage.py backup``) keep both roots.
"""

import shutil
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage

# Folders of MEDIA_ROOT that /media/ serves. Wagtail documents are absent on purpose: they go out
# through /documents/<id>/<name>, which checks the collection's privacy and sends an attachment.
PUBLIC_MEDIA_FOLDERS = ("original_images", "images", "staff-photos", "performance")
# Images Ieum renders itself (Wagtail images, their renditions, staff photos): shown inline.
INLINE_IMAGE_FOLDERS = ("original_images", "images", "staff-photos")
INLINE_IMAGE_TYPES = {
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".avif": "image/avif",
}


def private_media_root() -> Path:
    """Read at use, never at import, so that tests moving MEDIA_ROOT move this too."""
    root = getattr(settings, "IEUM_PRIVATE_MEDIA_ROOT", None)
    return Path(root) if root else Path(settings.MEDIA_ROOT).parent / "private-media"


class PrivateStorage(FileSystemStorage):
    """Files outside MEDIA_ROOT with no URL of their own: a view streams them after its check."""

    @property
    def base_location(self):
        return str(private_media_root())

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self):
        return None


private_storage = PrivateStorage()


def stored_files_move(apps, model_label: str, field_name: str, *, to_private: bool) -> int:
    """For a migration that moves a field to the private storage: move its existing files from
    MEDIA_ROOT to the private root (or back when ``to_private`` is False). Names do not change,
    a file already at the destination is left alone; returns how many files moved."""
    model = apps.get_model(model_label)
    public, private = Path(settings.MEDIA_ROOT), private_media_root()
    source_root, target_root = (public, private) if to_private else (private, public)
    moved = 0
    names = model._default_manager.exclude(**{field_name: ""}).values_list(field_name, flat=True)
    for name in names.iterator():
        source, target = source_root / name, target_root / name
        if source.is_file() and not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(source, target)
            moved += 1
    return moved


def move_files_operation(model_label: str, *field_names: str):
    """The RunPython operation of such a migration (reversible)."""
    from django.db import migrations

    def forward(apps, schema_editor):
        for field_name in field_names:
            stored_files_move(apps, model_label, field_name, to_private=True)

    def backward(apps, schema_editor):
        for field_name in field_names:
            stored_files_move(apps, model_label, field_name, to_private=False)

    return migrations.RunPython(forward, backward)
