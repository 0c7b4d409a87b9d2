from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "intranet.directory"
    label = "directory"
    verbose_name = _("직원 명부")

    def ready(self):
        from . import panels  # noqa: F401  registers "my profile" and "my department"
