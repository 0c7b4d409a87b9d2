"""Publishing a card news issue: refused in the admin (with a Korean message) while a card has no
alt text and is not decorative; allowed once every card has alt text or is decorative; refused on
every other publishing path too; the publish notifies staff once."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from intranet.home.models import Notification
from newsroom.models import CardNewsIssuePage
from newsroom.selectors import newsroom_index
from tests.factories import StaffFactory
from tests.newsroom import builders

pytestmark = pytest.mark.django_db


def _form(cards, *, title="3월호", month=3, publish=True):
    images = [builders.image() for _ in cards]
    data = nested_form_data(
        {
            "title": title,
            "slug": f"issue-2025-{month:02d}",
            "year": 2025,
            "month": month,
            "cover": images[0].pk,
            "cover_alt": "표지",
            "summary": "요약",
            "text_version": rich_text("<p>전체 텍스트</p>"),
            "cards": inline_formset(
                [
                    {"image": img.pk, "alt_text": alt, "decorative": decorative, "caption": "", "ORDER": i}
                    for i, (img, (alt, decorative)) in enumerate(zip(images, cards, strict=True))
                ],
                min=1,
            ),
        }
    )
    data = {k: v for k, v in data.items() if v is not False}  # an unticked checkbox is not sent
    if publish:
        data["action-publish"] = "action-publish"
    return data


def _add_url():
    return f"/admin/pages/add/newsroom/cardnewsissuepage/{newsroom_index().pk}/"


def test_publishing_is_refused_while_a_card_lacks_alt_text(login_as):
    client = login_as("editor")
    response = client.post(_add_url(), _form([("첫 카드", False), ("", False), ("", True)]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "대체 텍스트가 없는 카드가 1장 있어 발행할 수 없습니다" in html
    assert "대체 텍스트를 입력하거나" in html  # on the card itself
    assert not CardNewsIssuePage.objects.exists()


def test_a_draft_may_lack_alt_text_but_publishing_it_later_is_refused(login_as):
    client = login_as("editor")
    response = client.post(_add_url(), _form([("", False)], publish=False))
    assert response.status_code == 302, response.context["form"].errors
    page = CardNewsIssuePage.objects.get()
    assert not page.live
    edit = client.post(f"/admin/pages/{page.pk}/edit/", _form([("", False)]))
    assert edit.status_code == 200
    assert "발행할 수 없습니다" in edit.content.decode()
    page.refresh_from_db()
    assert not page.live
    # Publishing the draft revision by code (scheduled publishing, a workflow) is refused too.
    with pytest.raises(ValidationError):
        page.get_latest_revision().publish()
    page.refresh_from_db()
    assert not page.live


def test_publishing_with_alt_text_or_decorative_cards_notifies_staff_once(
    login_as, django_capture_on_commit_callbacks
):
    client = login_as("editor")
    others = StaffFactory.create_batch(3)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_add_url(), _form([("첫 카드", False), ("", True)]))
    assert response.status_code == 302
    page = CardNewsIssuePage.objects.get()
    assert page.live
    key = f"newsroom.issue.{page.pk}"
    assert Notification.objects.filter(key=key).count() == len(others) + 1
    assert set(Notification.objects.filter(key=key).values_list("recipient", flat=True)) >= {
        o.pk for o in others
    }
    # Publishing again (a new revision) notifies nobody twice.
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert Notification.objects.filter(key=key).count() == len(others) + 1


def test_publishing_emails_only_the_digest_subscribers(login_as, django_capture_on_commit_callbacks):
    """Everyone gets the notification in the site; the only e-mail is the digest, to those who
    opted in, once, even for people whose notification e-mails are on."""
    from django.core import mail

    from newsroom import services

    client = login_as("editor")
    plain = StaffFactory(email="plain@agency.example", email_notifications=True)
    fan = StaffFactory(email="fan@agency.example", email_notifications=True)
    services.subscription_set(staff=fan, digest=True)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_add_url(), _form([("첫 카드", False)]))
    assert response.status_code == 302
    page = CardNewsIssuePage.objects.get()
    key = f"newsroom.issue.{page.pk}"
    assert Notification.objects.filter(key=key, recipient__in=[plain, fan]).count() == 2
    assert [m.to for m in mail.outbox] == [["fan@agency.example"]]
    assert "카드뉴스" in mail.outbox[0].subject
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert len(mail.outbox) == 1


def test_one_issue_per_month(login_as):
    builders.issue(year=2025, month=3)
    client = login_as("editor")
    response = client.post(_add_url(), _form([("카드", False)], title="중복", month=3) | {"slug": "dup"})
    assert response.status_code == 200
    assert "이 달의 카드뉴스가 이미 있습니다" in response.content.decode()


def test_newsroom_home_accepts_other_page_types_beneath_it():
    """The interviews sub-app names this page as its parent: no subpage_types restriction here."""
    from newsroom.models import NewsroomIndexPage

    subpage_types = getattr(NewsroomIndexPage, "subpage_types", None)
    assert subpage_types is None or "newsroom_interviews.InterviewPage" in subpage_types
    assert Page.objects.filter(url_path__endswith="/newsroom/").exists()
