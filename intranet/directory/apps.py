from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DirectoryConfig(AppConfig):
    name = "intranet.directory"
    label = "directory"
    verbose_name = _("직원 명부")

    def ready(self):
        from intranet.registry import DemoSeeder, register_demo_seeder

        from . import checks, demo, lockouts, panels  # noqa: F401  panels registers "my profile" and "my department"; lockouts listens to axes; checks: directory settings

        register_demo_seeder(DemoSeeder(key="directory", seed=demo.seed, order=10))
