"""Give the "learning admin" role the admin screen of external records: view only (reviews go
through the front-end queue, whose service writes the history and notifies the person)."""

from django.db import migrations

from intranet.roles import role_permissions_operation


class Migration(migrations.Migration):
    dependencies = [("learning_records", "0001_initial"), ("intranet", "0001_roles")]
    operations = [
        role_permissions_operation(
            roles=["learning admin"],
            app_label="learning_records",
            models={"externalrecord": ["view"]},
            revoke_whole_app=True,
        )
    ]
