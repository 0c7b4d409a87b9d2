"""Give the "editor" role the model permissions of the PR log and partnership admin screens."""

from django.db import migrations

from intranet.roles import ALL_ACTIONS, role_permissions_operation

MODELS = ["practivity", "prattachment", "partnership", "partnershipdocument"]


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom_activity", "0001_initial"),
        ("intranet", "0001_roles"),
    ]
    operations = [
        role_permissions_operation(
            roles=["editor"], app_label="newsroom_activity", models=dict.fromkeys(MODELS, ALL_ACTIONS)
        )
    ]
