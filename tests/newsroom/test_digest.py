"""The monthly e-mail digest: only to those who opted in, once per issue per person however often
the task runs (in process and through a real Celery worker)."""

import pytest
from django.core import mail

from newsroom import services, tasks
from newsroom.models import DigestDelivery
from tests.factories import StaffFactory
from tests.newsroom import builders

pytestmark = pytest.mark.django_db


def test_digest_goes_once_to_subscribers_only(login_as):
    issue = builders.issue(month=4, title="사월호")
    fan = StaffFactory(email="fan@agency.example", email_notifications=False)
    services.subscription_set(staff=fan, digest=True)
    quitter = StaffFactory(email="quit@agency.example")
    services.subscription_set(staff=quitter, digest=False)
    StaffFactory(email="never@agency.example")
    builders.notice(title="그사이 공지", mandatory=True)
    assert tasks.issue_digest_send.delay(issue.pk).get() == 1
    assert tasks.issue_digest_send.delay(issue.pk).get() == 0
    assert services.digest_dispatch() == 0
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["fan@agency.example"]
    assert "2025년 4월호" in message.subject
    assert "사월호" in message.body and "그사이 공지" in message.body
    assert DigestDelivery.objects.filter(issue=issue).count() == 1


def test_someone_who_subscribes_later_gets_it_from_the_monthly_run():
    issue = builders.issue(month=5)
    late = StaffFactory(email="late@agency.example")
    services.issue_digest_send(issue_id=issue.pk)
    services.subscription_set(staff=late, digest=True)
    assert tasks.digest_dispatch.delay().get() == 1
    assert tasks.digest_dispatch.delay().get() == 0
    assert [m.to for m in mail.outbox] == [["late@agency.example"]]


def test_a_failed_send_keeps_the_intent_so_the_retry_sends(settings):
    from intranet.home.models import OutgoingMail

    issue = builders.issue(month=6)
    person = StaffFactory(email="retry@agency.example")
    services.subscription_set(staff=person, digest=True)
    settings.EMAIL_BACKEND = "tests.mail.RefusingBackend"
    with pytest.raises(OSError):
        services.issue_digest_send(issue_id=issue.pk)
    assert OutgoingMail.objects.get().state == OutgoingMail.State.PENDING
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert services.issue_digest_send(issue_id=issue.pk) == 1
    assert services.issue_digest_send(issue_id=issue.pk) == 0
    assert [m.to for m in mail.outbox] == [["retry@agency.example"]]
    assert DigestDelivery.objects.filter(issue=issue).count() == 1
