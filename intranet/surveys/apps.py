from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurveysConfig(AppConfig):
    name = "intranet.surveys"
    label = "surveys"
    verbose_name = _("설문")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from . import demo, demo_system_users, panels, report  # noqa: F401  panel, demo surveys, report figures
        from .models import Area, BankQuestion, ImprovementTask, Response, SurveyQuestion

        for model in (SurveyQuestion, BankQuestion):
            post_save.connect(
                _questions_changed, sender=model, dispatch_uid=f"surveys-questions-{model.__name__}"
            )
            post_delete.connect(
                _questions_changed, sender=model, dispatch_uid=f"surveys-questions-d-{model.__name__}"
            )
        for model in (ImprovementTask, Area):
            uid = f"surveys-tasks-{model.__name__}"
            post_save.connect(_tasks_changed, sender=model, dispatch_uid=uid)
            post_delete.connect(_tasks_changed, sender=model, dispatch_uid=f"{uid}-d")
        # A submission (staff or external) inserts one response: the survey's counts change. No
        # post_delete receiver: it would stop Django's fast delete of a survey's responses (the
        # seal rewrites them in bulk and calls ``results_counts_changed`` itself).
        post_save.connect(_response_saved, sender=Response, dispatch_uid="surveys-response-counts")


def _questions_changed(**kwargs):
    """A question or bank question was saved or deleted: the answer pages read them afresh."""
    from .selectors import QUESTIONS

    QUESTIONS.invalidate()


def _tasks_changed(**kwargs):
    """An improvement task or an area was saved or deleted: the results pages read the previous
    survey's tasks afresh."""
    from .selectors import PREVIOUS_TASKS

    PREVIOUS_TASKS.invalidate()


def _response_saved(instance, created, **kwargs):
    if created:
        from .counts import results_counts_changed

        results_counts_changed(instance.survey_id)
