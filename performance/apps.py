from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PerformanceConfig(AppConfig):
    name = "performance"
    label = "performance"
    verbose_name = _("성과업무")

    def ready(self):
        from . import demo, panels, report, signals  # noqa: F401  demo seeder, panels, report figures, cache
