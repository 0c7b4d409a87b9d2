"""Planners write the annual report's narrative (``ReportNarrative`` snippets) and add its photos:
the model permissions, and Wagtail's collection permissions for images (the image chooser checks
those, not the model permissions). ``add`` and ``choose`` as for the committee secretary: planners
upload, pick any image, and edit only the photos they uploaded; newsroom's images stay the editors'."""

from django.db import migrations

from intranet.roles import role_collection_permissions_operation, role_permissions_operation


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0005_report_narrative"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("wagtailimages", "0027_image_description"),
    ]
    operations = [
        role_permissions_operation(
            roles=["planner"],
            app_label="intranet",
            models={"reportnarrative": ["add", "change", "delete", "view"]},
        ),
        role_collection_permissions_operation(
            role="planner", permissions={("wagtailimages", "image"): ["add", "choose"]}
        ),
    ]
