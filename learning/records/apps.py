from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningRecordsConfig(AppConfig):
    name = "learning.records"
    label = "learning_records"
    verbose_name = _("외부 학습·자격증")

    def ready(self):
        from . import demo, panels  # noqa: F401  register the demo seeder and the profile section
