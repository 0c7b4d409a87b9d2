"""Editors choose and upload images and documents (card news covers and cards, PR files).

Wagtail grants images and documents per collection; the model permissions the roles migration
gave editors are not enough: the image chooser of the card-news editor refused them. Editors get
add, change and choose on the root collection (so on every collection); deleting stays with
superusers, since a card may still show an image.
"""

from django.db import migrations

from intranet.roles import ensure_permission

GRANTS = [
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
    for app_label, model, actions in GRANTS:
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=editor, collection=root, permission=ensure_permission(apps, app_label, model, action)
            )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupCollectionPermission.objects.filter(
        group__in=Group.objects.filter(name="editor"),
        permission__content_type__app_label__in=["wagtailimages", "wagtaildocs"],
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0002_newsroom_page"),
        ("intranet", "0001_roles"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
