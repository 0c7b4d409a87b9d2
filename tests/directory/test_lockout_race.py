"""Two failing log-ins at once record a lock-out exactly once (issue 12, point 5): threads on the
real test database (CI runs it on PostgreSQL, where the race was; SQLite serializes writers).

The first test makes the race certain: the first thread stops right after finding no record and
waits for the second to look too. Without the lock both find none and both write (two records,
two notifications); with it the second waits until the first has written, finds that record and
writes nothing, and the first's wait runs out. The second test is the plain case: many wrong
passwords at the same moment, through the log-in form."""

import threading
from unittest import mock

from django.test import Client
from django.urls import reverse

from intranet.directory.models import LockOut
from intranet.directory.services import lockout_record
from intranet.home.models import Notification
from intranet.models import AppendOnlyQuerySet
from tests.factories import staff_with_login
from tests.learning.builders import run_together

ATTACKER = "192.168.7.66"
WAIT = 3  # seconds the first thread waits for the second to look beside it


def test_two_lock_outs_reported_together_are_recorded_once(migrated_db):
    director = staff_with_login(name="정국장", email="director@agency.example")
    looked = {"first": threading.Event(), "second": threading.Event()}
    original = AppendOnlyQuerySet.exists

    def exists(queryset):
        found = original(queryset)
        who = threading.current_thread().name
        if queryset.model is LockOut and who in looked:
            looked[who].set()
            if who == "first":
                looked["second"].wait(WAIT)
        return found

    def report(who):
        from django.db import connection

        try:
            lockout_record(username=director.user.username, ip_address=ATTACKER)
        finally:
            connection.close()

    with mock.patch.object(AppendOnlyQuerySet, "exists", exists):
        first = threading.Thread(target=report, args=("first",), name="first")
        second = threading.Thread(target=report, args=("second",), name="second")
        first.start()
        assert looked["first"].wait(30)
        second.start()
        first.join(60)
        second.join(60)
    assert LockOut.objects.filter(username=director.user.username).count() == 1
    assert Notification.objects.filter(recipient=director, key__startswith="directory.lockout.").count() == 1


def test_wrong_passwords_sent_at_once_lock_out_once(migrated_db, settings):
    settings.TRUSTED_PROXIES = []
    director = staff_with_login(name="정국장", email="director@agency.example")
    url = reverse("login")

    def wrong(n):
        Client(REMOTE_ADDR=ATTACKER).post(url, {"username": director.user.username, "password": f"x{n}"})

    for n in range(4):
        wrong(n)
    assert not LockOut.objects.exists()
    assert run_together(wrong, range(6)) == []  # the fifth and later failures, together
    assert LockOut.objects.filter(username=director.user.username, ip_address=ATTACKER).count() == 1
    assert Notification.objects.filter(recipient=director, key__startswith="directory.lockout.").count() == 1
