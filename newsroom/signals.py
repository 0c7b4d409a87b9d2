"""Wagtail's publish signal → the newsroom's tasks, queued once the publishing transaction commits."""

from django.db import transaction
from wagtail.signals import page_published

from .models import CardNewsIssuePage, NoticePage


def _issue_published(sender, instance, **kwargs):
    from .tasks import issue_published

    transaction.on_commit(lambda: issue_published.delay(instance.pk))


def _notice_published(sender, instance, **kwargs):
    if not instance.mandatory:
        return
    from .tasks import notice_published

    transaction.on_commit(lambda: notice_published.delay(instance.pk))


def connect() -> None:
    page_published.connect(
        _issue_published, sender=CardNewsIssuePage, dispatch_uid="newsroom.issue_published"
    )
    page_published.connect(_notice_published, sender=NoticePage, dispatch_uid="newsroom.notice_published")
