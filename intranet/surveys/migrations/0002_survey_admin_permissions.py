"""Give the "survey admin" role the model permissions of the survey admin screens."""

import importlib

from django.db import migrations

SURVEY_ADMIN_MODELS = ["area", "bankquestion", "survey", "section", "surveyquestion", "improvementtask"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    ensure_permission = importlib.import_module("intranet.migrations.0001_roles").ensure_permission
    group = apps.get_model("auth", "Group").objects.get(name="survey admin")
    for model in SURVEY_ADMIN_MODELS:
        for action in ACTIONS:
            group.permissions.add(ensure_permission(apps, "surveys", model, action))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="survey admin").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="surveys", content_type__model__in=SURVEY_ADMIN_MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("intranet", "0001_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
