from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudyClubsConfig(AppConfig):
    name = "learning.clubs"
    label = "learning_clubs"
    verbose_name = _("학습 동호회")

    def ready(self):
        from . import demo, panels  # noqa: F401  register the demo seeder and the profile section
