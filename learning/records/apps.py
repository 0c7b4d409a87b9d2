from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningRecordsConfig(AppConfig):
    name = "learning.records"
    label = "learning_records"
    verbose_name = _("외부 학습·자격증")

    def ready(self):
        from learning.hours import register_hour_source
        from learning.subsites import register_subsite

        from . import demo, panels, report  # noqa: F401  demo seeder, profile section, report figures
        from .selectors import approved_hours_by_staff

        # Approved external learning counts in the education hours dashboard.
        register_hour_source("external_records", approved_hours_by_staff)
        # Linked from the education home page and the learning menu.
        register_subsite(
            "records",
            title=_("외부 학습·자격증"),
            description=_(
                "컨퍼런스·세미나 참석과 자격증 취득을 증빙과 함께 등록하면, 승인 후 교육 시간에 더해집니다."
            ),
            url_name="learning_records:mine",
            order=10,
        )
