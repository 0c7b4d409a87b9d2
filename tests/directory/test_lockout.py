"""Lock-out that a stranger cannot abuse (issue 12, point 5): failures lock a (user name, client
address) pair, the owner is told once per lock-out, and every lock-out is kept for HR admins."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from intranet.directory.models import LockOut
from intranet.home.models import Notification
from intranet.roles import Role
from tests.factories import staff_with_login

SEOUL = ZoneInfo("Asia/Seoul")
PROXY, ATTACKER, OWNER = "10.0.0.5", "192.168.7.66", "192.168.3.14"
START_TIMES = [datetime(2026, 1, 2, 8, 55, tzinfo=SEOUL), datetime(2030, 7, 15, 23, 59, tzinfo=SEOUL)]


@pytest.fixture(autouse=True)
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = [PROXY]


@pytest.fixture
def director(db):
    return staff_with_login(name="정국장", position="국장", email="director@agency.example")


def log_in(person, password, *, address):
    """One log-in attempt through the agency's proxy from ``address``; the response."""
    client = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=address)
    return client.post(reverse("login"), {"username": person.user.username, "password": password})


def fail(person, times, *, address):
    for _ in range(times):
        log_in(person, "wrong-password", address=address)


def lockout_notifications(person):
    return Notification.objects.filter(recipient=person, key__startswith="directory.lockout.")


@pytest.mark.parametrize("start", START_TIMES)
def test_an_attacker_locks_only_their_own_address(director, password, start):
    with time_machine.travel(start, tick=False):
        fail(director, 5, address=ATTACKER)
        assert log_in(director, password, address=ATTACKER).status_code == 429
        owner = log_in(director, password, address=OWNER)
    assert (owner.status_code, owner["Location"]) == (302, "/")


def test_a_spoofed_forwarded_header_does_not_move_the_lock(director, password):
    """A client that reaches the site directly cannot pick the address it is locked under."""
    for n in range(5):
        Client(REMOTE_ADDR=ATTACKER, HTTP_X_FORWARDED_FOR=f"10.66.0.{n}").post(
            reverse("login"), {"username": director.user.username, "password": "wrong"}
        )
    assert LockOut.objects.get().ip_address == ATTACKER
    assert log_in(director, password, address=OWNER).status_code == 302


@pytest.mark.parametrize("start", START_TIMES)
def test_the_record_outlives_the_owners_good_log_in(director, password, start):
    with time_machine.travel(start, tick=False) as clock:
        fail(director, 5, address=ATTACKER)
        assert log_in(director, password, address=OWNER).status_code == 302
        clock.shift(timedelta(hours=1, minutes=1))  # the cool-off is over at the attacker's address too
        assert log_in(director, password, address=ATTACKER).status_code == 302
    record = LockOut.objects.get()
    assert (record.username, record.staff, record.ip_address, record.locked_at) == (
        director.user.username,
        director,
        ATTACKER,
        start,
    )


def test_the_owner_is_told_once_per_lock_out(director):
    start = START_TIMES[0]
    with time_machine.travel(start, tick=False) as clock:
        fail(director, 4, address=ATTACKER)
        assert not lockout_notifications(director).exists()
        fail(director, 1, address=ATTACKER)
        fail(director, 3, address=ATTACKER)  # refused while locked: the same lock-out
        [notification] = lockout_notifications(director)
        assert (
            ATTACKER in notification.body
            and "다른 곳에서는 평소처럼 로그인할 수 있습니다" in notification.body
        )
        assert "잠겼습니다" in notification.title
        clock.shift(timedelta(hours=2))
        fail(director, 5, address=ATTACKER)  # a new lock-out after the cool-off
    assert lockout_notifications(director).count() == 2
    assert LockOut.objects.count() == 2


def test_an_unknown_user_name_is_recorded_without_a_notification(db):
    for _ in range(5):
        Client(REMOTE_ADDR=ATTACKER).post(reverse("login"), {"username": "nobody", "password": "x"})
    record = LockOut.objects.get()
    assert (record.username, record.staff, record.ip_address) == ("nobody", None, ATTACKER)
    assert not Notification.objects.exists()


def test_hr_admins_read_the_record_and_nobody_deletes_it(director, login_as):
    fail(director, 5, address=ATTACKER)
    record = LockOut.objects.get()
    hr = login_as(Role.HR_ADMIN.value)
    listing = hr.get("/admin/snippets/directory/lockout/")
    assert listing.status_code == 200 and ATTACKER in listing.content.decode()
    for url in (
        f"/admin/snippets/directory/lockout/delete/{record.pk}/",
        f"/admin/bulk/directory/lockout/delete/?id={record.pk}",
    ):
        assert hr.post(url)["Location"] == "/admin/"
    hr.staff.user.is_superuser = True
    hr.staff.user.save(update_fields=["is_superuser"])
    assert hr.post(f"/admin/bulk/directory/lockout/delete/?id={record.pk}")["Location"] == "/admin/"
    assert LockOut.objects.filter(pk=record.pk).exists()
