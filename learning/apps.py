from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningConfig(AppConfig):
    name = "learning"
    label = "learning"
    verbose_name = _("교육")

    def ready(self):
        from . import cache, demo, feedback, panels, report  # noqa: F401  demo seeder, dashboard panel, profile section, report figures

        feedback.register()  # the survey engine's labels and results access for course feedback
        cache.connect()  # the catalogue's kept fragment: a new generation on every course write
