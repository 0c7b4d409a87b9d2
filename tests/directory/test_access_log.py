"""The personal-data access log is evidence (issue 12, point 4): an HR admin says why before
seeing personal fields, the entry records the real client address behind the trusted proxy, and
nobody — a superuser in the admin, a bulk delete, raw SQL on PostgreSQL — can change or erase it."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.urls import reverse

from intranet.directory.models import PersonalDataAccess
from intranet.models import AppendOnlyError
from intranet.roles import Role
from tests.factories import StaffFactory

SEOUL = ZoneInfo("Asia/Seoul")
PROXY = "10.0.0.5"
postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL trigger")


@pytest.fixture
def colleague(db):
    return StaffFactory(name="이영희", mobile="010-1234-5678")


@pytest.fixture
def hr(login_as):
    return login_as(Role.HR_ADMIN.value)


def profile_url(person):
    return reverse("directory:profile", kwargs={"employee_number": person.employee_number})


def test_hr_admin_is_asked_for_a_purpose_before_seeing_personal_fields(hr, colleague):
    html = hr.get(profile_url(colleague)).content.decode()
    assert 'data-testid="personal-purpose-form"' in html and "열람 목적" in html
    assert "010-1234-5678" not in html
    assert not PersonalDataAccess.objects.exists()


def test_no_purpose_or_an_invented_one_shows_nothing_and_logs_nothing(hr, colleague):
    empty = hr.post(profile_url(colleague), {"purpose": ""}).content.decode()
    assert "개인정보를 보려면 열람 목적을 고르십시오." in empty and "010-1234-5678" not in empty
    invented = hr.post(profile_url(colleague), {"purpose": "curiosity"}).content.decode()
    assert "목록에 있는 열람 목적을 고르십시오." in invented and "010-1234-5678" not in invented
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize(
    "now", [datetime(2026, 1, 5, 9, 0, tzinfo=SEOUL), datetime(2031, 12, 30, 18, 0, tzinfo=SEOUL)]
)
def test_the_entry_says_who_whose_what_when_where_and_why(login_as, colleague, settings, now):
    settings.TRUSTED_PROXIES = [PROXY]
    with time_machine.travel(now, tick=False):
        hr = login_as(Role.HR_ADMIN.value)
        response = hr.post(
            profile_url(colleague),
            {"purpose": PersonalDataAccess.Purpose.EMERGENCY},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="192.168.7.20",
        )
    assert "010-1234-5678" in response.content.decode()
    entry = PersonalDataAccess.objects.get()
    assert (entry.viewer, entry.subject, entry.fields, entry.purpose, entry.ip_address) == (
        hr.staff,
        colleague,
        "mobile",
        "emergency",
        "192.168.7.20",
    )
    assert entry.accessed_at == now


def test_a_spoofed_forwarded_header_from_an_untrusted_client_is_ignored(hr, colleague, settings):
    settings.TRUSTED_PROXIES = [PROXY]
    hr.post(
        profile_url(colleague),
        {"purpose": "hr_work"},
        REMOTE_ADDR="192.168.7.99",
        HTTP_X_FORWARDED_FOR="10.0.0.5, 8.8.8.8",
    )
    assert PersonalDataAccess.objects.get().ip_address == "192.168.7.99"


def test_people_without_the_right_cannot_post_their_way_in(login_as, colleague):
    client = login_as()
    response = client.post(profile_url(colleague), {"purpose": "hr_work"})
    assert response.status_code == 405
    assert not PersonalDataAccess.objects.exists()


@pytest.fixture
def entries(hr, colleague):
    for purpose in ("hr_work", "audit"):
        hr.post(profile_url(colleague), {"purpose": purpose})
    return list(PersonalDataAccess.objects.order_by("pk"))


@pytest.fixture
def superuser(login_as):
    client = login_as()
    client.staff.user.is_superuser = True
    client.staff.user.save(update_fields=["is_superuser"])
    return client


def assert_refused(response):
    """Wagtail's answer to a permission refusal: back to the dashboard with an error message."""
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    assert "error" in {m.level_tag for m in get_messages(response.wsgi_request)}


def test_a_superuser_cannot_delete_an_entry_in_the_admin(superuser, entries):
    url = f"/admin/snippets/directory/personaldataaccess/delete/{entries[0].pk}/"
    assert_refused(superuser.get(url))
    assert_refused(superuser.post(url))
    assert PersonalDataAccess.objects.count() == 2


def test_the_admin_bulk_delete_url_refuses_a_superuser(superuser, entries):
    ids = "&".join(f"id={e.pk}" for e in entries)
    url = f"/admin/bulk/directory/personaldataaccess/delete/?{ids}"
    assert_refused(superuser.get(url))
    assert_refused(superuser.post(url))
    assert_refused(superuser.post("/admin/bulk/directory/personaldataaccess/delete/?id=all"))
    assert PersonalDataAccess.objects.count() == 2


def test_the_orm_refuses_edits_and_deletes_one_by_one_and_in_bulk(entries):
    entry = entries[0]
    entry.fields = "changed"
    for attempt in (
        entry.save,
        entry.delete,
        PersonalDataAccess.objects.all().delete,
        lambda: PersonalDataAccess.objects.filter(pk=entry.pk).update(purpose="audit"),
    ):
        with pytest.raises(AppendOnlyError):
            attempt()
    assert PersonalDataAccess.objects.count() == 2


@postgres_only
@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE directory_personaldataaccess SET purpose = 'audit'",
        "DELETE FROM directory_personaldataaccess",
        "UPDATE directory_lockout SET ip_address = '1.2.3.4'",
        "DELETE FROM directory_lockout",
    ],
)
def test_raw_sql_updates_and_deletes_fail_on_postgresql(entries, statement):
    from intranet.directory.models import LockOut

    LockOut.objects.create(username="someone", ip_address="10.1.1.1")
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(statement)
    assert PersonalDataAccess.objects.count() == 2 and LockOut.objects.count() == 1


@postgres_only
def test_the_trigger_refuses_young_rows_even_inside_a_purge(entries):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL ieum.audit_retention = 'purge'")
        cursor.execute("DELETE FROM directory_personaldataaccess")
    assert PersonalDataAccess.objects.count() == 2


def test_the_retention_purge_removes_only_rows_past_two_years(hr, colleague):
    with time_machine.travel(datetime(2023, 3, 1, 10, 0, tzinfo=SEOUL), tick=False):
        hr.post(profile_url(colleague), {"purpose": "hr_work"})
    with time_machine.travel(datetime(2024, 6, 1, 10, 0, tzinfo=SEOUL), tick=False):
        hr.post(profile_url(colleague), {"purpose": "audit"})
    with time_machine.travel(datetime(2026, 1, 10, 10, 0, tzinfo=SEOUL), tick=False):
        with pytest.raises(CommandError, match="2년 이상"):
            call_command("audit_log_purge", years=1, yes=True)
        call_command("audit_log_purge", yes=True)
    assert list(PersonalDataAccess.objects.values_list("purpose", flat=True)) == ["audit"]


def test_the_hr_edit_page_writes_but_does_not_show_personal_fields(hr, colleague):
    edit_url = reverse("directory:profile_edit", kwargs={"employee_number": colleague.employee_number})
    assert "010-1234-5678" not in hr.get(edit_url).content.decode()
    form = {
        "name": "이영희",
        "department": colleague.department_id,
        "is_active": "on",
        "email_notifications": "on",
    }
    assert hr.post(edit_url, {**form, "mobile": ""}).status_code == 302
    colleague.refresh_from_db()
    assert colleague.mobile == "010-1234-5678"  # left empty: kept
    assert hr.post(edit_url, {**form, "mobile": "010-5555-6666"}).status_code == 302
    colleague.refresh_from_db()
    assert colleague.mobile == "010-5555-6666"


def test_the_admin_staff_form_does_not_show_personal_fields(superuser, colleague):
    html = superuser.get(f"/admin/snippets/directory/staff/edit/{colleague.pk}/").content.decode()
    assert "이영희" in html and "010-1234-5678" not in html
