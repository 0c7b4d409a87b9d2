"""Give the "survey admin" role the model permissions of the survey admin screens."""

from django.db import migrations

from intranet.roles import ALL_ACTIONS, role_permissions_operation

SURVEY_ADMIN_MODELS = ["area", "bankquestion", "survey", "section", "surveyquestion", "improvementtask"]


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0001_initial"),
        ("intranet", "0001_roles"),
    ]
    operations = [
        role_permissions_operation(
            roles=["survey admin"],
            app_label="surveys",
            models=dict.fromkeys(SURVEY_ADMIN_MODELS, ALL_ACTIONS),
        )
    ]
