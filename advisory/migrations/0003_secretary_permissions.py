"""Give the "committee secretary" role the model permissions of the advisory admin screens
(domains, members, ceremonies) and the view permission on the rest of the committee's records."""

from django.db import migrations

from intranet.roles import ALL_ACTIONS, role_permissions_operation

EDITABLE = ["domain", "member", "ceremony"]
VIEWABLE = ["term", "meeting", "agendaitem", "attendance", "recusal", "advice", "adviceupdate"]


class Migration(migrations.Migration):
    dependencies = [
        ("advisory", "0002_domains"),
        ("intranet", "0001_roles"),
    ]
    operations = [
        role_permissions_operation(
            roles=["committee secretary"],
            app_label="advisory",
            models={**dict.fromkeys(EDITABLE, ALL_ACTIONS), **{model: ["view"] for model in VIEWABLE}},
        )
    ]
