"""HR admins read the lasting record of log-in lock-outs in the admin (read-only)."""

from django.db import migrations

from intranet.roles import role_permissions_operation


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0005_audit_logs_append_only_trigger"),
        ("intranet", "0001_roles"),
    ]
    operations = [
        role_permissions_operation(roles=["HR admin"], app_label="directory", models={"lockout": ["view"]})
    ]
