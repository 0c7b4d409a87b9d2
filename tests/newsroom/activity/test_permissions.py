"""Who gets what on every PR log and partnership URL, for every role (the matrix of tests/permissions.py)."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from intranet.roles import Role
from newsroom.activity.models import Partnership, PartnershipDocument, PrActivity, PrAttachment
from tests.factories import DepartmentFactory
from tests.permissions import ADMIN_DENIED, ANONYMOUS, LOGIN, SUPERUSER, WITHOUT_ADMIN, assert_answer, cases

EDITORS = {Role.EDITOR: 200, SUPERUSER: 200}
EDITOR_ONLY = {ANONYMOUS: LOGIN, **EDITORS, "*": 403}
ADMIN_SCREEN = {ANONYMOUS: LOGIN, **WITHOUT_ADMIN, **EDITORS, "*": ADMIN_DENIED}

MATRIX = {
    "/newsroom/pr/": EDITOR_ONLY,
    "/newsroom/pr/export.xlsx": EDITOR_ONLY,
    "/newsroom/pr/new/": EDITOR_ONLY,
    "/newsroom/pr/{pr}/edit/": EDITOR_ONLY,
    "/newsroom/pr/attachments/{attachment}/": EDITOR_ONLY,
    "/newsroom/partnerships/": {ANONYMOUS: LOGIN, "*": 200},
    "/newsroom/partnerships/new/": EDITOR_ONLY,
    "/newsroom/partnerships/{partnership}/edit/": EDITOR_ONLY,
    "/newsroom/partnerships/documents/{document}/": {ANONYMOUS: LOGIN, "*": 200},
    "/admin/newsroom_pr/": ADMIN_SCREEN,
    "/admin/newsroom_pr/edit/{pr}/": ADMIN_SCREEN,
    "/admin/newsroom_partnerships/": ADMIN_SCREEN,
}


@pytest.mark.parametrize(("url", "visitor"), cases(MATRIX))
def test_access(client_for, url, visitor):
    client = client_for(visitor)
    pr = PrActivity.objects.create(date=dt.date(2025, 5, 8), channel="broadcast", title="국방TV 보도")
    attachment = PrAttachment.objects.create(activity=pr, file=SimpleUploadedFile("a.pdf", b"%PDF"))
    partnership = Partnership.objects.create(
        partner="명지대학교",
        kind="mou",
        date=dt.date(2025, 6, 18),
        scope="협력",
        department=DepartmentFactory(),
    )
    document = PartnershipDocument.objects.create(
        partnership=partnership, file=SimpleUploadedFile("mou.pdf", b"%PDF")
    )
    path = url.format(pr=pr.pk, attachment=attachment.pk, partnership=partnership.pk, document=document.pk)
    response = client.get(path)
    assert_answer(response, MATRIX[url], path, visitor)
