"""Planners write the annual report's narrative (``ReportNarrative`` snippets) and add its photos:
the model permissions, and Wagtail's collection permissions for images (the image chooser checks
those, not the model permissions). ``add`` and ``choose`` as for the committee secretary: planners
upload, pick any image, and edit only the photos they uploaded; newsroom's images stay the editors'."""

from django.db import migrations

from intranet.roles import role_collection_permissions_operation, role_permissions_grant


def narrative_grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name="planner").exists():
        return
    role_permissions_grant(
        apps,
        roles=["planner"],
        app_label="intranet",
        models={"reportnarrative": ["add", "change", "delete", "view"]},
    )


def narrative_revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    planner = Group.objects.filter(name="planner").first()
    if planner is not None:
        planner.permissions.remove(*planner.permissions.filter(content_type__model="reportnarrative"))


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0005_report_narrative"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("wagtailimages", "0027_image_description"),
    ]
    operations = [
        migrations.RunPython(narrative_grant, narrative_revoke),
        role_collection_permissions_operation(
            role="planner", permissions={("wagtailimages", "image"): ["add", "choose"]}
        ),
    ]
