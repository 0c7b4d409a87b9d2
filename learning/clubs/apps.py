from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StudyClubsConfig(AppConfig):
    name = "learning.clubs"
    label = "learning_clubs"
    verbose_name = _("학습 동호회")

    def ready(self):
        from learning.subsites import register_subsite

        from . import demo, panels, report  # noqa: F401  demo seeder, profile section, report figures

        # Linked from the education home page and the learning menu.
        register_subsite(
            "clubs",
            title=_("학습 동호회"),
            description=_("함께 공부하고 경진대회에 나가는 직원 모임의 회원, 모임 기록과 수상 내역입니다."),
            url_name="learning_clubs:list",
            order=20,
        )
