"""The external learning pages: forms with bad input, the evidence file's guard, review through
the page, the profile section, and the query budget of each page at two sizes."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from learning.records.models import ExternalRecord
from learning.records.services import record_return
from tests.factories import StaffFactory

from .builders import approved, certificate_input, conference_input, learning_admin, pdf, submitted

pytestmark = pytest.mark.django_db

CERT_POST = {
    "title": "정보보안기사",
    "organiser": "한국인터넷진흥원",
    "certificate_number": "25-1",
    "acquired_on": "2025-06-27",
    "expires_on": "2028-06-26",
    "hours": "10",
}


def test_record_a_certificate_through_the_form(login_as):
    client = login_as()
    response = client.post("/learning/records/new/certificate/", {**CERT_POST, "evidence": pdf("합격증.pdf")})
    record = ExternalRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == record.get_absolute_url()
    assert (record.staff, record.kind, record.expires_on) == (
        client.staff,
        "certificate",
        dt.date(2028, 6, 26),
    )
    page = client.get(record.get_absolute_url()).content.decode()
    assert "검토 대기" in page and "합격증" in page


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"evidence": SimpleUploadedFile("virus.exe", b"MZ")}, "파일만 올릴 수 있습니다"),
        ({"evidence": SimpleUploadedFile("big.pdf", b"%" * (10 * 1024 * 1024 + 10))}, "10MB 이하"),
        ({"evidence": ""}, "증빙 자료를 첨부해 주세요"),
        ({"title": ""}, "자격증 이름을 적어 주세요"),
        ({"acquired_on": ""}, "필수"),
        ({"expires_on": "2020-01-01"}, "만료일은 취득일보다 뒤여야 합니다"),
        ({"acquired_on": "2025-13-45"}, "날짜"),
    ],
)
def test_bad_input_shows_a_korean_message_and_saves_nothing(login_as, changes, message):
    client = login_as()
    data = {**CERT_POST, "evidence": pdf()} | changes
    if data["evidence"] == "":
        del data["evidence"]
    response = client.post("/learning/records/new/certificate/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ExternalRecord.objects.exists()


def test_conference_needs_dates_and_hours(login_as):
    client = login_as()
    response = client.post(
        "/learning/records/new/conference/",
        {
            "title": "REAL Summit 2025",
            "organiser": "조직위",
            "start_date": "2025-03-20",
            "end_date": "2025-03-19",
            "hours": "0",
            "evidence": pdf(),
        },
    )
    body = response.content.decode()
    assert "종료일이 시작일보다 빠릅니다" in body
    assert not ExternalRecord.objects.exists()


def test_evidence_is_served_to_owner_and_admin_only_and_not_under_media(login_as):
    client = login_as()
    record = submitted(client.staff)
    response = client.get(f"/learning/records/{record.pk}/evidence/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    assert response["Cache-Control"] == "private, no-store"
    assert login_as("learning admin").get(f"/learning/records/{record.pk}/evidence/").status_code == 200
    assert login_as().get(f"/learning/records/{record.pk}/evidence/").status_code == 404
    # The stored name under /media/ finds nothing: the file is not in MEDIA_ROOT.
    assert login_as().get(f"/media/{record.evidence.name}").status_code == 404


def test_admin_approves_and_returns_through_the_page(login_as):
    admin = login_as("learning admin")
    first, second = submitted(), submitted()
    queue = admin.get("/learning/records/review/").content.decode()
    assert queue.count('data-testid="queue-title"') == 2
    assert admin.post(f"/learning/records/{first.pk}/review/", {"decision": "approve"}).status_code == 302
    response = admin.post(
        f"/learning/records/{second.pk}/review/", {"decision": "return", "reason": ""}, follow=True
    )
    assert "반려할 때는 사유를 적어야 합니다" in response.content.decode()
    second.refresh_from_db()
    assert second.status == ExternalRecord.Status.SUBMITTED
    again = admin.post(f"/learning/records/{first.pk}/review/", {"decision": "approve"}, follow=True)
    assert "이미 승인된 기록입니다" in again.content.decode()
    assert admin.get("/learning/records/review/").content.decode().count('data-testid="queue-title"') == 1


def test_returned_record_is_corrected_by_its_owner(login_as):
    owner = login_as()
    record = submitted(owner.staff)
    record_return(record=record, by=learning_admin(), reason="날짜를 확인해 주세요")
    form = owner.get(f"/learning/records/{record.pk}/edit/").content.decode()
    assert "날짜를 확인해 주세요" in form
    response = owner.post(
        f"/learning/records/{record.pk}/edit/",
        {
            "title": "REAL Summit 2025",
            "organiser": "조직위",
            "start_date": "2025-03-19",
            "end_date": "2025-03-20",
            "hours": "12",
        },
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == ExternalRecord.Status.SUBMITTED and record.hours == Decimal("12")
    assert record.evidence_name  # the earlier file kept


def test_approved_record_shows_on_the_profile_with_hours(login_as):
    viewer = login_as()
    person = StaffFactory(name="김민수")
    approved(person, certificate_input(hours=Decimal("10")))
    approved(person, conference_input(hours=Decimal("14")))
    submitted(person, conference_input(title="검토 중인 세미나"))
    page = viewer.get(person.get_absolute_url()).content.decode()
    assert 'data-testid="section-learning_records.approved"' in page
    assert page.count('data-testid="profile-record"') == 2
    assert "24" in page and "검토 중인 세미나" not in page


def _fill(owner, admin, n):
    for i in range(n):
        record = submitted(owner, conference_input(title=f"세미나 {i}"))
        if i % 2:
            from learning.records.services import record_approve

            record_approve(record=record, by=admin)
    return record


@pytest.mark.parametrize("url", ["/learning/records/", "/learning/records/review/", "{last}", "profile"])
def test_query_budget_is_the_same_at_two_sizes(login_as, url):
    client = login_as("learning admin")
    admin = client.staff
    counts = []
    for n in (3, 30):
        last = _fill(client.staff, admin, n)
        path = url.replace("{last}", f"/learning/records/{last.pk}/")
        path = client.staff.get_absolute_url() if path == "profile" else path
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        client.get(path)  # fills the caches a first view fills (the kept department tree)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1] and counts[1] <= 15, counts


def test_own_profile_links_to_my_records_before_the_first_one(login_as):
    client = login_as()
    own = client.get(client.staff.get_absolute_url()).content.decode()
    assert 'data-testid="my-records-link"' in own and "승인된 외부 학습 기록이 없습니다" in own
    other = client.get(StaffFactory().get_absolute_url()).content.decode()
    assert 'data-testid="section-learning_records.approved"' not in other
