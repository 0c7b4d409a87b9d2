from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "intranet.surveys"
    label = "surveys"
    verbose_name = _("설문")

    def ready(self):
        from . import demo, panels  # noqa: F401  register the dashboard panel and demo surveys
