"""Evidence files live outside MEDIA_ROOT, so ``/media/`` (open to every signed-in person) can
never serve them; ``views.evidence`` streams them to the owner and learning admins only."""

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateEvidenceStorage(FileSystemStorage):
    """``IEUM_PRIVATE_MEDIA_ROOT`` if set, else a ``private`` folder beside MEDIA_ROOT (read at
    use, never at import, so tests that move MEDIA_ROOT move this too)."""

    @property
    def base_location(self):
        root = getattr(settings, "IEUM_PRIVATE_MEDIA_ROOT", None)
        return str(root) if root else str(Path(settings.MEDIA_ROOT).parent / "private-media")

    @property
    def location(self):
        return str(Path(self.base_location).resolve())

    @property
    def base_url(self):
        return None  # no public URL: the view serves the file


private_evidence_storage = PrivateEvidenceStorage()
