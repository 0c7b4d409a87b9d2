from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningRecordsConfig(AppConfig):
    name = "learning.records"
    label = "learning_records"
    verbose_name = _("외부 학습·자격증")

    def ready(self):
        from learning.hours import register_hour_source

        from . import demo, panels  # noqa: F401  register the demo seeder and the profile section
        from .selectors import approved_hours_by_staff

        # Approved external learning counts in the education hours dashboard.
        register_hour_source("external_records", approved_hours_by_staff)
