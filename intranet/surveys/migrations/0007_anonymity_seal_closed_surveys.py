"""Seal the answer side of anonymous surveys closed before sealing existed (issue 13 §2): the
same steps as ``anonymity.survey_answers_seal``, on the historical models."""

from django.db import migrations
from django.utils import timezone


def seal_closed(apps, schema_editor):
    from intranet.surveys.anonymity import answer_side_seal

    Survey = apps.get_model("surveys", "Survey")
    Response = apps.get_model("surveys", "Response")
    Answer = apps.get_model("surveys", "Answer")
    for survey in Survey.objects.filter(mode="anonymous", status="closed"):
        day = timezone.localtime(survey.closes_at).date()
        answer_side_seal(survey=survey, day=day, response_model=Response, answer_model=Answer)


class Migration(migrations.Migration):
    dependencies = [("surveys", "0006_survey_and_section_field_labels")]

    operations = [migrations.RunPython(seal_closed, migrations.RunPython.noop)]
