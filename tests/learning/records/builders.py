"""Records for the external learning tests, made through the services."""

import datetime as dt
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from learning.records.models import ExternalRecord
from learning.records.services import RecordInput, record_approve, record_submit
from tests.factories import StaffFactory, staff_with_login


def pdf(name="evidence.pdf", size=None) -> SimpleUploadedFile:
    body = b"%PDF-1.4\n%%EOF\n" if size is None else b"%" * size
    return SimpleUploadedFile(name, body, content_type="application/pdf")


def conference_input(**changes) -> RecordInput:
    fields = {
        "kind": ExternalRecord.Kind.CONFERENCE,
        "title": "REAL Summit 2025",
        "organiser": "REAL Summit 조직위원회",
        "hours": Decimal("14"),
        "start_date": dt.date(2025, 3, 19),
        "end_date": dt.date(2025, 3, 20),
    }
    return RecordInput(**(fields | changes))


def certificate_input(**changes) -> RecordInput:
    fields = {
        "kind": ExternalRecord.Kind.CERTIFICATE,
        "title": "정보보안기사",
        "organiser": "한국인터넷진흥원",
        "certificate_number": "25-0001",
        "hours": Decimal("10"),
        "acquired_on": dt.date(2025, 6, 27),
        "expires_on": None,
    }
    return RecordInput(**(fields | changes))


def learning_admin():
    return staff_with_login(roles=["learning admin"], name="이서연")


def submitted(staff=None, data=None) -> ExternalRecord:
    return record_submit(staff=staff or StaffFactory(), data=data or conference_input(), evidence=pdf())


def approved(staff=None, data=None, admin=None) -> ExternalRecord:
    return record_approve(record=submitted(staff, data), by=admin or learning_admin())
