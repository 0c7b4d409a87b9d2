"""Editors choose and upload images and documents: Wagtail checks collection permissions
(``GroupCollectionPermission``), not the group's model permissions that 0001 gave, so without
these rows an editor's image chooser was empty and a card news issue could not be made."""

from django.db import migrations

from intranet.roles import ensure_permission

EDITOR_COLLECTION_PERMISSIONS = [
    ("wagtailimages", "image", ["add", "change", "choose"]),
    ("wagtaildocs", "document", ["add", "change", "choose"]),
]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    editor = Group.objects.filter(name="editor").first()
    root = Collection.objects.filter(depth=1).first()
    if editor is None or root is None:
        return
    for app_label, model, actions in EDITOR_COLLECTION_PERMISSIONS:
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=editor, collection=root, permission=ensure_permission(apps, app_label, model, action)
            )


def revoke(apps, schema_editor):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__name="editor",
        collection__depth=1,
        permission__content_type__app_label__in=["wagtailimages", "wagtaildocs"],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0001_roles"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
