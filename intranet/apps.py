from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntranetConfig(AppConfig):
    name = "intranet"
    verbose_name = _("이음 공통")

    def ready(self):
        from .uploads import stored_files_cleanup_connect

        stored_files_cleanup_connect()
