import pytest
from django.core import mail
from django.urls import reverse

from intranet.home.models import Notification
from intranet.home.services import notification_email_deliver, notification_mark_read, notification_send
from tests.factories import StaffFactory
from tests.worker import wait_for


@pytest.mark.django_db
def test_same_event_notifies_once(django_capture_on_commit_callbacks):
    person = StaffFactory(email="a@agency.example")
    with django_capture_on_commit_callbacks(execute=True):
        first = notification_send(recipient=person, key="course:1:seat", title="자리가 났습니다")
        again = notification_send(recipient=person, key="course:1:seat", title="자리가 났습니다")
    assert first.pk == again.pk
    assert Notification.objects.filter(recipient=person).count() == 1
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["a@agency.example"]


@pytest.mark.django_db
def test_redelivery_sends_no_second_mail(django_capture_on_commit_callbacks):
    person = StaffFactory(email="a@agency.example")
    with django_capture_on_commit_callbacks(execute=True):
        notification = notification_send(recipient=person, key="k", title="제목")
    assert notification_email_deliver(notification_id=notification.pk) is False
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_email_off_means_in_site_only(django_capture_on_commit_callbacks):
    person = StaffFactory(email="a@agency.example", email_notifications=False)
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(recipient=person, key="k", title="제목")
    assert Notification.objects.filter(recipient=person).exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_email_false_keeps_it_in_the_site_whatever_the_setting(django_capture_on_commit_callbacks):
    """An event with an e-mail of its own (the newsroom digest) asks for no notification e-mail."""
    person = StaffFactory(email="a@agency.example", email_notifications=True)
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        notification = notification_send(recipient=person, key="k", title="제목", email=False)
    assert callbacks == []
    assert Notification.objects.filter(recipient=person).exists()
    assert mail.outbox == []
    assert notification.emailed_at is None


@pytest.mark.django_db
def test_mark_read_only_touches_own(login_as):
    client = login_as()
    other = StaffFactory()
    mine = notification_send(recipient=client.staff, key="1", title="내 알림")
    theirs = notification_send(recipient=other, key="1", title="남의 알림")
    assert notification_mark_read(staff=client.staff) == 1
    theirs.refresh_from_db()
    mine.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None


@pytest.mark.django_db
def test_bell_list_and_mark_all_read(login_as):
    client = login_as()
    for i in range(3):
        notification_send(recipient=client.staff, key=f"e{i}", title=f"알림 {i}")
    page = client.get("/").content.decode()
    assert 'data-testid="unread-count">3<' in page
    listing = client.get(reverse("notifications:list")).content.decode()
    assert "알림 2" in listing
    client.post(reverse("notifications:read"))
    assert 'data-testid="unread-count">0<' in client.get("/").content.decode()


@pytest.mark.django_db
def test_open_marks_read_and_refuses_others(login_as):
    client = login_as()
    other = StaffFactory()
    mine = notification_send(recipient=client.staff, key="1", title="t", url="/directory/")
    theirs = notification_send(recipient=other, key="1", title="t")
    response = client.get(reverse("notifications:open", args=[mine.pk]))
    assert response.status_code == 302 and response["Location"] == "/directory/"
    assert client.get(reverse("notifications:open", args=[theirs.pk])).status_code == 404


@pytest.mark.django_db
def test_open_never_redirects_off_site(login_as):
    client = login_as()
    n = notification_send(recipient=client.staff, key="x", title="t", url="https://evil.example/")
    response = client.get(reverse("notifications:open", args=[n.pk]))
    assert response["Location"] == reverse("notifications:list")


@pytest.mark.worker
def test_notification_email_goes_through_a_real_worker(celery_worker_process):
    person = StaffFactory(email="worker@agency.example")
    notification = notification_send(recipient=person, key="worker-path", title="실제 워커 경로")

    def emailed():
        notification.refresh_from_db()
        return notification.emailed_at

    wait_for(emailed, timeout=60)
    sent = list(celery_worker_process.mail_dir.iterdir())
    assert len(sent) == 1
    assert "worker@agency.example" in sent[0].read_text()
