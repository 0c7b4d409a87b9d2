from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "newsroom.interviews"
    label = "newsroom_interviews"
    verbose_name = _("리더 인터뷰")

    def ready(self):
        # The demo seeder, the publish signal and the newsroom home's interviews section.
        from . import demo, panels, report, signals  # noqa: F401
