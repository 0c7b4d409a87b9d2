"""Give leaders and editors the permission to open the interview question admin screen and
answer there (change and view only: questions come from staff, and are never deleted)."""

import importlib

from django.db import migrations

ROLES = ["leader", "editor"]
ACTIONS = ["change", "view"]


def grant(apps, schema_editor):
    ensure_permission = importlib.import_module("intranet.migrations.0001_roles").ensure_permission
    for name in ROLES:
        group = apps.get_model("auth", "Group").objects.get(name=name)
        for action in ACTIONS:
            group.permissions.add(ensure_permission(apps, "newsroom_interviews", "question", action))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for group in Group.objects.filter(name__in=ROLES):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="newsroom_interviews", content_type__model="question"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom_interviews", "0001_initial"),
        ("intranet", "0001_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
