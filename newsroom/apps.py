from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    label = "newsroom"
    verbose_name = _("소식")

    def ready(self):
        from . import cache, demo, panels, report, signals  # noqa: F401  demo seeder, profile section, report figures

        signals.connect()
        cache.connect()
