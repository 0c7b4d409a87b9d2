from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AdvisoryConfig(AppConfig):
    name = "advisory"
    label = "advisory"
    verbose_name = _("자문위원회")

    def ready(self):
        from . import demo, panels, signals  # noqa: F401  the demo seeder, panels, sections, figures, cache
