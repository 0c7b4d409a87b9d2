"""Services of external learning: submit, correct, approve, return, and their refusals."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.db import IntegrityError

from intranet.home.models import Notification
from learning.records.models import ExternalRecord, RecordEvent
from learning.records.services import (
    RecordError,
    record_approve,
    record_correct,
    record_return,
    record_submit,
)
from tests.factories import StaffFactory

from .builders import approved, certificate_input, conference_input, learning_admin, pdf, submitted

pytestmark = pytest.mark.django_db


def test_submit_stores_the_evidence_outside_media_root_and_records_the_event():
    person = StaffFactory(name="김민수")
    record = record_submit(staff=person, data=certificate_input(), evidence=pdf("합격증.pdf"))
    assert record.status == ExternalRecord.Status.SUBMITTED
    assert record.learned_on == dt.date(2025, 6, 27)
    stored = Path(record.evidence.path)
    assert stored.is_file()
    assert Path(settings.MEDIA_ROOT).resolve() not in stored.resolve().parents
    with pytest.raises(ValueError):
        record.evidence.url  # noqa: B018  no public URL
    assert [(e.action, e.by) for e in record.events.all()] == [(RecordEvent.Action.SUBMITTED, person)]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (pdf("script.exe"), "파일만 올릴 수 있습니다"),
        (pdf("big.pdf", size=10 * 1024 * 1024 + 1), "10MB 이하"),
        (None, "증빙 자료를 첨부해 주세요"),
    ],
)
def test_bad_evidence_is_refused_and_nothing_is_saved(upload, message):
    with pytest.raises(RecordError) as refused:
        record_submit(staff=StaffFactory(), data=conference_input(), evidence=upload)
    assert message in " ".join(refused.value.message_dict["evidence"])
    assert not ExternalRecord.objects.exists() and not RecordEvent.objects.exists()


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (conference_input(title=" "), "title"),
        (conference_input(organiser=""), "organiser"),
        (conference_input(start_date=None), "start_date"),
        (conference_input(end_date=dt.date(2025, 3, 1)), "end_date"),
        (conference_input(hours=Decimal(0)), "hours"),
        (certificate_input(acquired_on=None), "acquired_on"),
        (certificate_input(expires_on=dt.date(2025, 6, 1)), "expires_on"),
        (conference_input(kind="course"), "kind"),
    ],
)
def test_missing_or_wrong_fields_get_a_korean_message_per_field(data, field):
    with pytest.raises(RecordError) as refused:
        record_submit(staff=StaffFactory(), data=data, evidence=pdf())
    assert field in refused.value.message_dict
    assert not ExternalRecord.objects.exists()


def test_the_database_refuses_a_conference_without_dates_too():
    with pytest.raises(IntegrityError):
        ExternalRecord.objects.create(
            staff=StaffFactory(), kind="conference", title="x", organiser="y", hours=1, evidence="x.pdf"
        )


def test_approve_notifies_the_owner_and_cannot_happen_twice():
    admin = learning_admin()
    record = submitted(StaffFactory(name="김민수"))
    record_approve(record=record, by=admin)
    record.refresh_from_db()
    assert (record.status, record.reviewed_by) == (ExternalRecord.Status.APPROVED, admin)
    note = Notification.objects.get(recipient=record.staff)
    assert "승인" in note.title and note.url == record.get_absolute_url()
    with pytest.raises(RecordError, match="이미 승인된 기록입니다"):
        record_approve(record=record, by=admin)
    with pytest.raises(RecordError, match="이미 승인된"):
        record_return(record=record, by=admin, reason="다시")
    assert record.events.filter(action=RecordEvent.Action.APPROVED).count() == 1


def test_only_learning_admins_review():
    record = submitted()
    with pytest.raises(RecordError, match="교육 관리자만"):
        record_approve(record=record, by=StaffFactory())
    with pytest.raises(RecordError, match="교육 관리자만"):
        record_approve(record=record, by=record.staff)  # not even one's own
    record.refresh_from_db()
    assert record.status == ExternalRecord.Status.SUBMITTED


def test_returning_needs_a_reason():
    record = submitted()
    with pytest.raises(RecordError) as refused:
        record_return(record=record, by=learning_admin(), reason="  ")
    assert "사유" in refused.value.message_dict["reason"][0]
    record.refresh_from_db()
    assert record.status == ExternalRecord.Status.SUBMITTED and not Notification.objects.exists()


def test_returned_record_is_corrected_and_resubmitted_with_history():
    admin = learning_admin()
    record = submitted()
    record_return(record=record, by=admin, reason="증빙이 흐립니다")
    assert "흐립니다" in Notification.objects.get(recipient=record.staff).body
    record_correct(
        record=record, by=record.staff, data=conference_input(hours=Decimal("12")), evidence=pdf("new.pdf")
    )
    record.refresh_from_db()
    assert record.status == ExternalRecord.Status.SUBMITTED and record.hours == Decimal("12")
    assert record.evidence_name.startswith("new")
    record_approve(record=record, by=admin)
    actions = list(record.events.values_list("action", "reason"))
    assert actions == [
        ("submitted", ""),
        ("returned", "증빙이 흐립니다"),
        ("resubmitted", ""),
        ("approved", ""),
    ]


def test_someone_elses_record_cannot_be_corrected_nor_an_approved_one():
    record = submitted()
    with pytest.raises(RecordError, match="본인의 기록만"):
        record_correct(record=record, by=StaffFactory(), data=conference_input(title="남의 것"))
    done = approved()
    with pytest.raises(RecordError, match="승인된 기록은 고칠 수 없습니다"):
        record_correct(record=done, by=done.staff, data=conference_input(title="바꿈"))
    record.refresh_from_db()
    assert record.title == "REAL Summit 2025"


def test_kind_cannot_change_on_correction():
    record = submitted()
    with pytest.raises(RecordError):
        record_correct(record=record, by=record.staff, data=certificate_input())
