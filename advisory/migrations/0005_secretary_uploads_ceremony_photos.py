"""The committee secretary uploads and chooses the ceremony photo (위촉식 사진): Wagtail's image
chooser needs collection permissions, which 0003's model permissions are not. ``add`` and
``choose`` on the root collection: the secretary uploads, picks any image, and edits only the
images they uploaded; newsroom's images stay the editors' to change."""

from django.db import migrations

from intranet.roles import role_collection_permissions_operation


class Migration(migrations.Migration):
    dependencies = [
        ("advisory", "0004_private_storage_for_documents"),
        ("intranet", "0001_roles"),
        ("wagtailcore", "0094_alter_page_locale"),
        ("wagtailimages", "0027_image_description"),
    ]
    operations = [
        role_collection_permissions_operation(
            role="committee secretary", permissions={("wagtailimages", "image"): ["add", "choose"]}
        )
    ]
