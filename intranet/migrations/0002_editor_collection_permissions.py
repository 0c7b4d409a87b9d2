"""Editors choose and upload images and documents: Wagtail checks collection permissions
(``GroupCollectionPermission``), not the group's model permissions that 0001 gave, so without
these rows an editor's image chooser was empty and a card news issue could not be made."""

from django.db import migrations

from intranet.roles import role_collection_permissions_operation


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0001_roles"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]
    operations = [
        role_collection_permissions_operation(
            role="editor",
            permissions={
                ("wagtailimages", "image"): ["add", "change", "choose"],
                ("wagtaildocs", "document"): ["add", "change", "choose"],
            },
        )
    ]
