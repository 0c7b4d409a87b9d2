"""Give the "editor" role the model permissions of the PR log and partnership admin screens."""

import importlib

from django.db import migrations

MODELS = ["practivity", "prattachment", "partnership", "partnershipdocument"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    ensure_permission = importlib.import_module("intranet.migrations.0001_roles").ensure_permission
    group = apps.get_model("auth", "Group").objects.get(name="editor")
    for model in MODELS:
        for action in ACTIONS:
            group.permissions.add(ensure_permission(apps, "newsroom_activity", model, action))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="editor").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="newsroom_activity", content_type__model__in=MODELS
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom_activity", "0001_initial"),
        ("intranet", "0001_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
