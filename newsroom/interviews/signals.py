"""Publishing an episode, from the front-end form or Wagtail's admin, tells the askers."""

from wagtail.signals import page_published

from .models import InterviewPage


def episode_published(sender, instance, **kwargs):
    from .services import episode_attach_and_notify

    episode_attach_and_notify(page=instance)


page_published.connect(episode_published, sender=InterviewPage, dispatch_uid="newsroom_interviews_published")
