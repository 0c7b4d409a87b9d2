"""Limits on files staff upload as evidence (survey follow-up, programme updates, …)."""

from pathlib import Path

from django import forms
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
