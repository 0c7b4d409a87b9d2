"""Give the "learning admin" role the admin screens of study clubs."""

import importlib

from django.db import migrations

MODELS = ["club", "membership", "meeting", "competitionentry"]
ACTIONS = ["add", "change", "delete", "view"]


def grant(apps, schema_editor):
    ensure_permission = importlib.import_module("intranet.migrations.0001_roles").ensure_permission
    group = apps.get_model("auth", "Group").objects.get(name="learning admin")
    for model in MODELS:
        for action in ACTIONS:
            group.permissions.add(ensure_permission(apps, "learning_clubs", model, action))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="learning admin").first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="learning_clubs"))


class Migration(migrations.Migration):
    dependencies = [("learning_clubs", "0001_initial"), ("intranet", "0001_roles")]
    operations = [migrations.RunPython(grant, revoke)]
