"""Give the "planner" role the model permissions of the performance admin screens."""

from django.db import migrations

from intranet.roles import ALL_ACTIONS, role_permissions_operation

PLANNER_PERMISSIONS = {
    "plan": ALL_ACTIONS,
    "programme": ALL_ACTIONS,
    "kpi": ALL_ACTIONS,
    "milestone": ALL_ACTIONS,
    "proposal": ["change", "view"],
    "contest": ALL_ACTIONS,
    "criterion": ALL_ACTIONS,
    "judge": ALL_ACTIONS,
}


class Migration(migrations.Migration):
    dependencies = [
        ("performance", "0003_parental_keys"),
        ("intranet", "0001_roles"),
    ]
    operations = [
        role_permissions_operation(roles=["planner"], app_label="performance", models=PLANNER_PERMISSIONS)
    ]
