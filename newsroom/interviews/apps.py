from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "newsroom.interviews"
    label = "newsroom_interviews"
    verbose_name = _("리더 인터뷰")

    def ready(self):
        from . import demo, signals  # noqa: F401  register the demo seeder and the publish signal
