"""Give the "planner" role the model permissions of the performance admin screens."""

import importlib

from django.db import migrations

PLANNER_PERMISSIONS = {
    "plan": ["add", "change", "delete", "view"],
    "programme": ["add", "change", "delete", "view"],
    "kpi": ["add", "change", "delete", "view"],
    "milestone": ["add", "change", "delete", "view"],
    "proposal": ["change", "view"],
    "contest": ["add", "change", "delete", "view"],
    "criterion": ["add", "change", "delete", "view"],
    "judge": ["add", "change", "delete", "view"],
}


def grant(apps, schema_editor):
    ensure_permission = importlib.import_module("intranet.migrations.0001_roles").ensure_permission
    group = apps.get_model("auth", "Group").objects.get(name="planner")
    for model, actions in PLANNER_PERMISSIONS.items():
        for action in actions:
            group.permissions.add(ensure_permission(apps, "performance", model, action))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="planner").first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="performance", content_type__model__in=list(PLANNER_PERMISSIONS)
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("performance", "0003_parental_keys"),
        ("intranet", "0001_roles"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
