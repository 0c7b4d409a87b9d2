"""Uploaded files never run as the site, and files with an access rule are reachable only
through their checking view. Written as an attacker would try: the stored name under /media/,
``..`` traversal (plain, percent-encoded, double-encoded), absolute paths, NUL bytes, symbolic
links, and the chain.html + x.js pair (the browser half is in tests/e2e/test_media.py)."""

import datetime as dt
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from intranet.storage import private_media_root
from learning.records.models import ExternalRecord
from newsroom.activity.models import Partnership, PartnershipDocument, PrActivity, PrAttachment
from performance.models import Entry
from performance.services import contest_create, judge_add
from tests.factories import DepartmentFactory, StaffFactory, staff_with_login
from tests.performance.builders import build_plan, build_programme

pytestmark = pytest.mark.django_db

CHAIN_HTML = b'<!doctype html><script src="x.js"></script>'
X_JS = b"window.top.__pwned = document.cookie;"


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "navy").save(buffer, "PNG")
    return buffer.getvalue()


PNG = _png()


def body(response) -> bytes:
    return b"".join(response.streaming_content)


def assert_hardened(response):
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    assert "default-src 'none'" in response["Content-Security-Policy"]


def put(relative: str, content: bytes, root: Path | None = None) -> Path:
    target = (root or Path(settings.MEDIA_ROOT)) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(content)
    return target


def traversals(name: str) -> list[str]:
    """Ways an attacker could spell the private file's path under /media/."""
    private = private_media_root().name  # the private root sits beside MEDIA_ROOT
    return [
        f"/media/{name}",
        f"/media/staff-photos/../../{private}/{name}",
        f"/media/images/%2e%2e/%2e%2e/{private}/{name}",
        f"/media/images/..%2f..%2f{private}%2f{name}",
        f"/media/images/%252e%252e/%252e%252e/{private}/{name}",
        f"/media/{private_media_root().resolve()}/{name}",
        f"/media/..\\{private}\\{name}",
        f"/media/{name}%00.png",
    ]


# --- the public media view ---------------------------------------------------------------------


def test_an_image_ieum_renders_is_inline_and_hardened(login_as):
    put("original_images/card.png", PNG)
    put("staff-photos/kim.jpg", b"\xff\xd8\xff\xe0 jpeg")
    client = login_as()
    image = client.get("/media/original_images/card.png")
    assert image.status_code == 200 and body(image) == PNG
    assert image["Content-Type"] == "image/png"
    assert "attachment" not in image.get("Content-Disposition", "")
    assert_hardened(image)
    photo = client.get("/media/staff-photos/kim.jpg")
    assert photo["Content-Type"] == "image/jpeg" and "attachment" not in photo.get("Content-Disposition", "")
    assert_hardened(photo)


def test_chain_html_and_x_js_in_a_public_folder_are_inert_downloads(login_as):
    """The attack of issue #12: an uploaded page loading an uploaded script. Even where such
    files sit in a folder /media/ serves, both are plain-bytes downloads the browser neither
    renders nor runs (nosniff refuses octet-stream as a script; the sandbox forbids script)."""
    put("performance/evidence/7/chain.html", CHAIN_HTML)
    put("performance/evidence/7/x.js", X_JS)
    put("original_images/chain.html", CHAIN_HTML)  # an image folder makes no exception
    put("original_images/x.svg", b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    client = login_as()
    for path in (
        "/media/performance/evidence/7/chain.html",
        "/media/performance/evidence/7/x.js",
        "/media/original_images/chain.html",
        "/media/original_images/x.svg",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Type"] == "application/octet-stream", path
        assert response["Content-Disposition"].startswith("attachment;"), path
        assert_hardened(response)


def test_wagtail_documents_and_unknown_folders_are_not_served_from_media(login_as):
    put("documents/chain.html", CHAIN_HTML)
    put("documents/x.js", X_JS)
    put("documents/report.pdf", b"%PDF-1.4\n")
    put("other/notes.txt", b"hello")
    put("secret.txt", b"top")
    client = login_as()
    for path in (
        "documents/chain.html",
        "documents/x.js",
        "documents/report.pdf",
        "other/notes.txt",
        "secret.txt",
    ):
        assert client.get(f"/media/{path}").status_code == 404, path


def test_bad_paths_give_404_never_500(login_as):
    """A NUL is refused before any view (400, BadInputMiddleware); every other bad path is a 404."""
    outside = put("outside.txt", b"x", root=Path(settings.MEDIA_ROOT).parent)
    link = Path(settings.MEDIA_ROOT) / "images" / "link.png"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(outside)
    client = login_as()
    for path in (
        "/media/%00",
        "/media/images/%00.png",
        "/media/images/link.png",  # a symbolic link leading out of MEDIA_ROOT
        "/media/images/",
        "/media/images",
        "/media/../outside.txt",
        "/media/%2e%2e/outside.txt",
        "/media/" + "a" * 5000,
        "/media/images/%ff%fe.png",
    ):
        assert client.get(path).status_code == (400 if "%00" in path else 404), path


def test_media_needs_a_log_in(client):
    put("original_images/card.png", PNG)
    response = client.get("/media/original_images/card.png")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


# --- every private file: stored outside MEDIA_ROOT, served only by its checking view -------------


def assert_private(field_file, client):
    stored = Path(field_file.path).resolve()
    assert stored.is_file()
    assert Path(settings.MEDIA_ROOT).resolve() not in stored.parents
    assert private_media_root().resolve() in stored.parents
    for path in traversals(field_file.name):
        # a NUL never reaches a view (BadInputMiddleware: 400); every other spelling is a 404
        assert client.get(path).status_code == (400 if "%00" in path else 404), path


def test_pr_attachment_only_through_the_editor_view(login_as):
    activity = PrActivity.objects.create(date=dt.date(2025, 5, 8), channel="press_release", title="보도")
    attachment = PrAttachment.objects.create(
        activity=activity, file=SimpleUploadedFile("기밀.pdf", b"%PDF-1")
    )
    staff, editor = login_as(), login_as("editor")
    # Before issue #12: 403 through its view, 200 through /media/. Now 403 and 404.
    assert staff.get(attachment.get_absolute_url()).status_code == 403
    assert_private(attachment.file, staff)
    download = editor.get(attachment.get_absolute_url())
    assert download.status_code == 200 and body(download) == b"%PDF-1"
    assert download["Content-Disposition"].startswith("attachment;")
    assert_hardened(download)


def test_partnership_document_only_through_its_view(login_as):
    partnership = Partnership.objects.create(
        partner="국립대학교",
        kind="mou",
        date=dt.date(2025, 4, 1),
        scope="교류",
        department=DepartmentFactory(),
    )
    document = PartnershipDocument.objects.create(
        partnership=partnership, file=SimpleUploadedFile("협약서.hwp", b"HWP")
    )
    staff = login_as()
    assert_private(document.file, staff)
    download = staff.get(document.get_absolute_url())
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment;")
    assert_hardened(download)


def test_learning_evidence_only_to_its_owner_and_learning_admins(login_as):
    owner = login_as()
    record = ExternalRecord.objects.create(
        staff=owner.staff,
        kind="certificate",
        title="정보보안기사",
        organiser="한국인터넷진흥원",
        acquired_on=dt.date(2025, 6, 27),
        learned_on=dt.date(2025, 6, 27),
        evidence=SimpleUploadedFile("합격증.pdf", b"%PDF-1"),
    )
    stranger = login_as()
    assert_private(record.evidence, stranger)
    url = f"/learning/records/{record.pk}/evidence/"
    assert stranger.get(url).status_code in (403, 404)
    assert owner.get(url).status_code == 200
    assert login_as("learning admin").get(url).status_code == 200


def test_contest_entry_attachment_only_to_entrant_judges_and_planners(login_as):
    plan = build_plan()
    boss = staff_with_login(roles=["planner"])
    contest = contest_create(
        plan=plan,
        by=boss,
        title="공유대회",
        entries_close_on=dt.date(2025, 10, 31),
        criteria=[("탁월성", 100)],
    )
    programme = build_programme(plan, code="A", owner=staff_with_login())
    entry = Entry.objects.create(
        contest=contest,
        programme=programme,
        submitted_by=programme.owner,
        summary="요약",
        attachment=SimpleUploadedFile("발표.pptx", b"PK\x03\x04"),
    )
    judge = staff_with_login(department=DepartmentFactory())
    judge_add(contest=contest, by=boss, staff=judge)
    stranger = login_as()
    assert_private(entry.attachment, stranger)
    url = f"/performance/contest/entries/{entry.pk}/attachment/"
    assert stranger.get(url).status_code == 403
    for person in (programme.owner, judge, boss):
        client = Client()
        client.force_login(person.user)
        response = client.get(url)
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")


def test_survey_task_evidence_private_until_published(login_as):
    from intranet.surveys.models import Area, ImprovementTask, Survey
    from tests.surveys.builders import build_survey

    survey = build_survey(status=Survey.Status.CLOSED)
    task = ImprovementTask.objects.create(
        survey=survey,
        area=Area.objects.get(code="leadership"),
        title="회의 줄이기",
        department=DepartmentFactory(),
        owner=StaffFactory(),
        due_date=dt.date(2025, 12, 31),
        evidence=SimpleUploadedFile("결과.pdf", b"%PDF-1"),
    )
    staff = login_as()
    assert_private(task.evidence, staff)
    url = f"/surveys/{survey.pk}/tasks/{task.pk}/evidence/"
    assert staff.get(url).status_code == 404  # not yet published: not even its existence
    assert login_as("survey admin").get(url).status_code == 200
    ImprovementTask.objects.filter(pk=task.pk).update(published_at=timezone.now())
    response = staff.get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert_hardened(response)


def test_a_missing_private_file_is_404(login_as):
    activity = PrActivity.objects.create(date=dt.date(2025, 5, 8), channel="press_release", title="보도")
    attachment = PrAttachment.objects.create(activity=activity, file=ContentFile(b"x", name="a.pdf"))
    Path(attachment.file.path).unlink()
    assert login_as("editor").get(attachment.get_absolute_url()).status_code == 404


# --- Wagtail documents: an allow-list, always downloads ------------------------------------------


def test_document_upload_refuses_html_script_and_svg_and_serves_downloads(login_as):
    from wagtail.documents import get_document_model
    from wagtail.documents.forms import get_document_form

    Document = get_document_model()
    form_class = get_document_form(Document)
    for name in ("chain.html", "x.js", "logo.svg", "page.htm", "run.exe"):
        form = form_class(
            data={"title": name, "collection": Document._meta.get_field("collection").get_default()},
            files={"file": SimpleUploadedFile(name, b"<script>alert(1)</script>")},
        )
        assert not form.is_valid() and "file" in form.errors, name
    for name in ("보고서.pdf", "계획.hwp", "계획.hwpx", "표.xlsx", "자료.zip", "명단.csv"):
        assert name.rsplit(".", 1)[1] in settings.WAGTAILDOCS_EXTENSIONS
    document = Document.objects.create(title="보고서", file=ContentFile(b"%PDF-1.4\n", name="보고서.pdf"))
    response = login_as().get(document.url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "sandbox" in response["Content-Security-Policy"]
    assert login_as().get(f"/media/{document.file.name}").status_code == 404


def test_committee_agenda_document_only_through_its_view_and_only_once_approved(login_as):
    from tests.advisory.builders import meeting, secretary

    _record, (item,) = meeting(secretary())
    item.document = SimpleUploadedFile("안건.pdf", b"%PDF-1.4")
    item.save()
    staff = login_as()
    assert_private(item.document, staff)
    assert staff.get(f"/advisory/items/{item.pk}/document/").status_code == 404  # a draft meeting
    download = login_as("committee secretary").get(f"/advisory/items/{item.pk}/document/")
    assert download.status_code == 200 and download["Content-Disposition"].startswith("attachment;")
    assert_hardened(download)
