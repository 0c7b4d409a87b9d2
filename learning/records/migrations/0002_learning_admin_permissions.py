"""Give the "learning admin" role the admin screen of external records: view only (reviews go
through the front-end queue, whose service writes the history and notifies the person)."""

import importlib

from django.db import migrations


def grant(apps, schema_editor):
    ensure_permission = importlib.import_module("intranet.migrations.0001_roles").ensure_permission
    group = apps.get_model("auth", "Group").objects.get(name="learning admin")
    group.permissions.add(ensure_permission(apps, "learning_records", "externalrecord", "view"))


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group = Group.objects.filter(name="learning admin").first()
    if group is not None:
        group.permissions.remove(*Permission.objects.filter(content_type__app_label="learning_records"))


class Migration(migrations.Migration):
    dependencies = [("learning_records", "0001_initial"), ("intranet", "0001_roles")]
    operations = [migrations.RunPython(grant, revoke)]
