"""Serving uploaded files so that none of them can ever run as the site.

An uploaded ``chain.html`` that loads an uploaded ``x.js`` must stay inert: every file response
carries ``nosniff`` and a sandboxing Content Security Policy (the browser treats the document as
coming from a unique, script-less origin), and everything but the images Ieum itself renders goes
out as an attachment. ``/media/`` serves only the public folders of ``intranet.storage``; files
with an access rule are served by their record's view through ``private_file_response``.
"""

from functools import wraps
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from .storage import INLINE_IMAGE_FOLDERS, INLINE_IMAGE_TYPES, PUBLIC_MEDIA_FOLDERS

# ``default-src 'none'`` loads nothing; ``sandbox`` (no allow-scripts, no same-origin) means that
# even a browser that rendered the file would run no script and see no cookie of the site.
MEDIA_CSP = "default-src 'none'; sandbox"
# Types a browser may safely be told about on a download; anything else is plain bytes.
ATTACHMENT_TYPES = {
    ".pdf": "application/pdf",
    ".hwp": "application/x-hwp",
    ".hwpx": "application/hwp+zip",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    ".zip": "application/zip",
    ".csv": "text/csv; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    **INLINE_IMAGE_TYPES,
}


def harden(response):
    """The headers every file response carries, inline or not."""
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = MEDIA_CSP
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    response.setdefault("Cache-Control", "private")
    return response


def _not_found():
    return Http404(_("파일을 찾을 수 없습니다."))


def media_path(path: str) -> tuple[Path, PurePosixPath]:
    """The file under MEDIA_ROOT that ``/media/<path>`` names, and its path relative to the root.

    Raises Http404 for anything outside the public folders: private files, Wagtail documents
    (served by /documents/ with the collection's privacy), traversal by ``..``, an absolute path,
    a symbolic link leading out of the root, a NUL byte or an unknown folder.
    """
    if "\x00" in path or "\\" in path:
        raise _not_found()
    root = Path(settings.MEDIA_ROOT).resolve()
    try:
        target = (root / path).resolve()
        relative = PurePosixPath(target.relative_to(root).as_posix())
    except (ValueError, OSError):
        raise _not_found() from None
    if not relative.parts or relative.parts[0] not in PUBLIC_MEDIA_FOLDERS or not target.is_file():
        raise _not_found()
    return target, relative


def media_response(path: str) -> FileResponse:
    """Images Ieum renders are shown inline; every other public file is a download."""
    target, relative = media_path(path)
    suffix = relative.suffix.lower()
    inline = relative.parts[0] in INLINE_IMAGE_FOLDERS and suffix in INLINE_IMAGE_TYPES
    handle = target.open("rb")
    if inline:
        response = FileResponse(handle, content_type=INLINE_IMAGE_TYPES[suffix])
    else:
        response = FileResponse(
            handle,
            as_attachment=True,
            filename=relative.name,
            content_type=ATTACHMENT_TYPES.get(suffix, "application/octet-stream"),
        )
    return harden(response)


def private_file_response(field_file) -> FileResponse:
    """A private file (learning evidence, PR attachment, …) as a download, once its view has
    checked who asks. A missing file is a 404, never a 500."""
    if not field_file:
        raise _not_found()
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, IsADirectoryError, ValueError):
        raise _not_found() from None
    name = PurePosixPath(field_file.name).name
    content_type = ATTACHMENT_TYPES.get(PurePosixPath(name).suffix.lower(), "application/octet-stream")
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return harden(response)


def hardened_download(view):
    """Wrap a view that sends files (Wagtail's document view) so that its file responses carry
    the same headers as ours; its other pages (a collection's password form) are left alone."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if isinstance(response, FileResponse) or response.has_header("Content-Disposition"):
            harden(response)
        return response

    return wrapper


def document_urlpatterns():
    """Wagtail's document URLs, the serving one hardened (same pattern and name as Wagtail's)."""
    from django.urls import re_path
    from wagtail.documents import urls as wagtaildocs_urls
    from wagtail.documents.views import serve

    return [
        re_path(r"^(\d+)/(.*)$", hardened_download(serve.serve), name="wagtaildocs_serve"),
        *[p for p in wagtaildocs_urls.urlpatterns if p.name != "wagtaildocs_serve"],
    ]
