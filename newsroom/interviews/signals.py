"""Publishing an episode, from the front-end form or Wagtail's admin, tells the askers."""

from wagtail.signals import page_published, page_unpublished

from .models import InterviewPage


def episode_published(sender, instance, **kwargs):
    from .services import episode_attach_and_notify

    episode_attach_and_notify(page=instance)


page_published.connect(episode_published, sender=InterviewPage, dispatch_uid="newsroom_interviews_published")


def episode_list_changed(sender, instance, **kwargs):
    from .panels import recent_interviews_forget

    recent_interviews_forget()


page_published.connect(
    episode_list_changed, sender=InterviewPage, dispatch_uid="newsroom_interviews_recent_pub"
)
page_unpublished.connect(
    episode_list_changed, sender=InterviewPage, dispatch_uid="newsroom_interviews_recent_unpub"
)
