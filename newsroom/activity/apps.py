from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicRelationsConfig(AppConfig):
    name = "newsroom.activity"
    label = "newsroom_activity"
    verbose_name = _("홍보·협력")

    def ready(self):
        from . import demo, report  # noqa: F401  register the demo seeder and the report figures
