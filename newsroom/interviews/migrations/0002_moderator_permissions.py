"""Give leaders and editors the permission to open the interview question admin screen and
answer there (change and view only: questions come from staff, and are never deleted)."""

from django.db import migrations

from intranet.roles import role_permissions_operation


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom_interviews", "0001_initial"),
        ("intranet", "0001_roles"),
    ]
    operations = [
        role_permissions_operation(
            roles=["leader", "editor"],
            app_label="newsroom_interviews",
            models={"question": ["change", "view"]},
        )
    ]
