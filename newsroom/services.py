"""Every write of the newsroom: reads, acknowledgements, the digest preference, and what happens
when an issue or a mandatory notice is published (in-site notifications, the e-mail digest)."""

import logging
from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from intranet.directory.models import Staff
from intranet.home.services import (
    notification_send,
    outgoing_mail_deliver,
    outgoing_mail_flush,
    outgoing_mail_record,
)
from intranet.korean import fill
from intranet.links import absolute_url, page_absolute_url

from . import selectors
from .models import (
    CardNewsIssuePage,
    DigestDelivery,
    IssueRead,
    NewsroomSubscription,
    NoticeAcknowledgement,
    NoticePage,
)

logger = logging.getLogger(__name__)
READ_MEMO_SECONDS = 24 * 60 * 60


def issue_read_record(*, issue: CardNewsIssuePage, staff: Staff) -> None:
    """Count this person as a reader of the issue, once: one INSERT that a repeat ignores (the
    unique constraint decides). The cache remembers a recorded read for a day, so that reopening
    the issue spends no query on it."""
    if not cache.add(f"newsroom:read:{issue.pk}:{staff.pk}", 1, timeout=READ_MEMO_SECONDS):
        return
    IssueRead.objects.bulk_create(
        [IssueRead(issue=issue, staff=staff, department_id=staff.department_id)], ignore_conflicts=True
    )


def notice_acknowledge(*, notice: NoticePage, staff: Staff) -> bool:
    """Record that the person acknowledged a mandatory notice. Returns False when they already
    had (a double submit); refuses anyone outside the notice's audience."""
    if not notice.mandatory or not notice.live:
        raise PermissionDenied(_("확인이 필요한 공지가 아닙니다."))
    if not selectors.notice_in_audience(notice=notice, staff=staff):
        raise PermissionDenied(_("이 공지의 확인 대상이 아닙니다."))
    try:
        with transaction.atomic():
            NoticeAcknowledgement.objects.create(notice=notice, staff=staff)
    except IntegrityError:
        return False
    return True


def subscription_set(*, staff: Staff, digest: bool) -> NewsroomSubscription:
    """Turn the monthly e-mail digest on or off for a person."""
    subscription, _created = NewsroomSubscription.objects.update_or_create(
        staff=staff, defaults={"digest": digest}
    )
    return subscription


def issue_published_notify(*, issue_id: int) -> int:
    """Tell every active staff member in the site that a new issue is out (once per person:
    ``notification_send`` keys the event). In the site only: the e-mail about an issue is the
    digest, which goes only to those who opted in (``issue_digest_send``). Returns the count."""
    issue = CardNewsIssuePage.objects.live().filter(pk=issue_id).first()
    if issue is None:
        return 0
    title = fill(
        _("카드뉴스 %(label)s이(가) 발행되었습니다: %(title)s"), {"label": issue.label, "title": issue.title}
    )
    url = issue.url or ""
    count = 0
    for staff in Staff.objects.filter(is_active=True).order_by("pk").iterator(chunk_size=500):
        notification_send(
            recipient=staff,
            key=f"newsroom.issue.{issue.pk}",
            title=title,
            body=issue.summary,
            url=url,
            email=False,
        )
        count += 1
    return count


def notice_published_notify(*, notice_id: int) -> int:
    """Ask the audience of a mandatory notice to acknowledge it (once per person)."""
    notice = NoticePage.objects.live().filter(pk=notice_id, mandatory=True).first()
    if notice is None:
        return 0
    title = _("확인이 필요한 공지: %(title)s") % {"title": notice.title}
    count = 0
    for staff in selectors.notice_audience(notice=notice).order_by("pk").iterator(chunk_size=500):
        notification_send(
            recipient=staff, key=f"newsroom.notice.{notice.pk}", title=title, url=notice.url or ""
        )
        count += 1
    return count


def digest_deliver(*, issue: CardNewsIssuePage, staff: Staff, context: dict) -> bool:
    """Send one person the digest of one issue unless it already went. Returns True if sent.

    The delivery row and the e-mail's outbox row are committed together before the mail server
    is asked; ``outgoing_mail_deliver`` then sends it once, whatever runs again (a retried or
    redelivered task, a second worker, a worker killed after the server accepted).
    """
    key = f"newsroom.digest.{issue.pk}.{staff.pk}"
    try:
        with transaction.atomic():
            DigestDelivery.objects.create(issue=issue, staff=staff)
            with translation.override("ko"):
                subject = _("[이음] 이달의 카드뉴스 %(label)s") % {"label": issue.label}
                body = render_to_string("newsroom/email/digest.txt", {**context, "staff": staff})
            outgoing_mail_record(
                key=key, subject=subject, message=body, from_email=None, recipient_list=[staff.email]
            )
    except IntegrityError:
        return False
    return outgoing_mail_deliver(key=key)


def issue_digest_send(*, issue_id: int) -> int:
    """Send the digest of an issue to every subscriber who has not had it. Returns how many.

    A digest recorded by an earlier run but not sent (its send failed, so the task is retried)
    goes out at the end."""
    issue = CardNewsIssuePage.objects.live().filter(pk=issue_id).first()
    if issue is None:
        return 0
    context = selectors.digest_context(issue=issue)
    context["issue_url"] = page_absolute_url(issue)
    context["subscription_url"] = absolute_url(reverse("newsroom:subscription"))
    already = set(DigestDelivery.objects.filter(issue=issue).values_list("staff_id", flat=True))
    sent = 0
    for staff in selectors.digest_subscribers().iterator(chunk_size=500):
        if staff.pk in already:
            continue
        sent += digest_deliver(issue=issue, staff=staff, context=context)
    return sent + outgoing_mail_flush(key_prefix=f"newsroom.digest.{issue.pk}.", grace=timedelta(0))


def digest_dispatch() -> int:
    """The monthly beat run: send the latest issue's digest to subscribers who have not had it
    (someone who subscribed after publication, or a run that never happened)."""
    latest = selectors.issues_live().order_by("-year", "-month").first()
    return issue_digest_send(issue_id=latest.pk) if latest else 0
