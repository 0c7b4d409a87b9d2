"""Links that leave the site are absolute, from one configured address (issue 14, point 3):
every e-mail kind, the calendar and the RSS feeds; feed addresses carry a per-person key that
the person can renew from the profile."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings

from intranet.feedkeys import feed_key, feed_key_renew
from intranet.home.services import notification_send
from intranet.korean import with_particle
from intranet.links import absolute_url
from tests.factories import StaffFactory

SITE = "https://ieum.agency.example"
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("site_address")]


@pytest.fixture
def site_address():
    with override_settings(IEUM_SITE_URL=SITE):
        yield


def links_in(text: str) -> list[str]:
    """Every URL-looking token: absolute ones and bare paths such as /learning/records/26/."""
    return re.findall(r"(?:https?://\S+|(?<![\w/])/[\w\-]+(?:/[\w\-.#]*)+)", text)


def assert_all_links_absolute(text: str) -> None:
    links = links_in(text)
    assert links, text
    for link in links:
        assert link.startswith(SITE + "/"), (link, text)


def test_absolute_url_uses_the_one_setting():
    assert absolute_url("/learning/records/26/") == SITE + "/learning/records/26/"
    assert absolute_url("https://else.example/x") == "https://else.example/x"
    assert absolute_url("") == ""
    assert settings.WAGTAILADMIN_BASE_URL  # Wagtail's admin links come from the same address


SENDS_MAIL = re.compile(
    r"(?<!def )\b(send_mail|send_mass_mail|EmailMessage|EmailMultiAlternatives|outgoing_mail_record)\("
)


def test_every_e_mail_is_built_by_a_builder_this_suite_checks():
    """The e-mail kinds: notifications (one builder for every module's events), the newsroom
    digest and the system-users' survey invitations (their absolute one-time links are tested in
    ``tests/surveys/test_respondents.py``). A new ``send_mail`` elsewhere must come with its own
    link test."""
    root = Path(settings.BASE_DIR)
    senders = set()
    for path in root.rglob("*.py"):
        if any(part in {".venv", "tests", "var", "migrations"} for part in path.parts):
            continue
        text = path.read_text(encoding="utf-8")
        if SENDS_MAIL.search(text):
            senders.add(str(path.relative_to(root)))
    assert senders == {"intranet/home/services.py", "newsroom/services.py", "intranet/surveys/respondents.py"}


@pytest.mark.parametrize(
    "url",
    ["/learning/records/26/", "/performance/programmes/3/", "/surveys/4/answer/", "/newsroom/notices/x/"],
)
def test_notification_e_mail_links_are_absolute(url, django_capture_on_commit_callbacks):
    staff = StaffFactory(email="a@agency.example")
    with django_capture_on_commit_callbacks(execute=True):
        notification_send(
            recipient=staff, key=f"t.{url}", title="외부 학습 기록이 승인되었습니다.", body="내용", url=url
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.subject == "[이음] 외부 학습 기록이 승인되었습니다."
    assert SITE + url in message.body
    assert_all_links_absolute(message.body)


def test_the_calendar_and_profile_feed_addresses_are_absolute_and_renewable(login_as):
    client = login_as()
    me = client.staff
    page = client.get(f"/directory/{me.employee_number}/").content.decode()
    key = feed_key(me.pk)
    assert f"{SITE}/learning/calendar/{key}.ics" in page
    assert f"{SITE}/newsroom/feeds/notices/{key}/" in page
    # Someone else's profile does not show my addresses.
    other = StaffFactory()
    assert key not in client.get(f"/directory/{other.employee_number}/").content.decode()

    anonymous = Client()
    assert anonymous.get(f"/learning/calendar/{key}.ics").status_code == 200
    assert anonymous.get(f"/newsroom/feeds/card-news/{key}/").status_code == 200

    response = client.post("/feeds/renew/")
    assert response.status_code == 302
    new_key = feed_key(me.pk)
    assert new_key != key
    for old in (f"/learning/calendar/{key}.ics", f"/newsroom/feeds/card-news/{key}/"):
        assert anonymous.get(old).status_code == 404
    assert anonymous.get(f"/newsroom/feeds/card-news/{new_key}/").status_code == 200


def test_a_left_colleague_s_key_opens_nothing():
    staff = StaffFactory()
    key = feed_key(staff.pk)
    staff.is_active = False
    staff.save()
    assert Client().get(f"/newsroom/feeds/notices/{key}/").status_code == 404
    assert feed_key_renew(staff_id=staff.pk) != key


def test_rss_links_are_absolute():
    from tests.newsroom import builders

    builders.issue(cards=1, images=[builders.image()])
    builders.notice(mandatory=False)
    key = feed_key(StaffFactory().pk)
    for kind in ("card-news", "notices"):
        xml = Client().get(f"/newsroom/feeds/{kind}/{key}/").content.decode()
        links = re.findall(r"<link>([^<]+)</link>", xml) + re.findall(r'href="([^"]+)"', xml)
        assert len(links) >= 2, xml
        assert all(link.startswith(SITE + "/") for link in links), links


def test_card_news_digest_links_are_absolute():
    from newsroom import services
    from tests.newsroom import builders

    reader = StaffFactory(email="reader@agency.example")
    services.subscription_set(staff=reader, digest=True)
    issue = builders.issue(cards=1, images=[builders.image()])
    builders.article(author=StaffFactory())
    builders.notice(mandatory=True)
    mail.outbox.clear()
    assert services.issue_digest_send(issue_id=issue.pk) == 1
    body = mail.outbox[0].body
    assert "localhost" not in body
    assert SITE + issue.url in body
    assert_all_links_absolute(body)


def test_card_news_notification_reads_with_the_right_particle():
    from intranet.home.models import Notification
    from newsroom import services
    from tests.newsroom import builders

    StaffFactory()
    issue = builders.issue(cards=1, images=[builders.image()])
    services.issue_published_notify(issue_id=issue.pk)
    title = (
        Notification.objects.filter(key=f"newsroom.issue.{issue.pk}").values_list("title", flat=True).first()
    )
    assert "이(가)" not in title
    assert with_particle(issue.label, "이/가") + " 발행되었습니다" in title
