"""Give the "learning admin" role the admin screens of study clubs."""

from django.db import migrations

from intranet.roles import ALL_ACTIONS, role_permissions_operation

MODELS = ["club", "membership", "meeting", "competitionentry"]


class Migration(migrations.Migration):
    dependencies = [("learning_clubs", "0001_initial"), ("intranet", "0001_roles")]
    operations = [
        role_permissions_operation(
            roles=["learning admin"],
            app_label="learning_clubs",
            models=dict.fromkeys(MODELS, ALL_ACTIONS),
            revoke_whole_app=True,
        )
    ]
