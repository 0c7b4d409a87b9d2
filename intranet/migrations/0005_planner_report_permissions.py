"""Planners write the annual report's narrative (``ReportNarrative`` snippets) and add its photos:
the model permissions, and Wagtail's collection permissions for images (the image chooser checks
those, not the model permissions)."""

from django.db import migrations

from intranet.roles import ensure_permission, role_permissions_grant


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    if not Group.objects.filter(name="planner").exists():
        return
    role_permissions_grant(
        apps,
        roles=["planner"],
        app_label="intranet",
        models={"reportnarrative": ["add", "change", "delete", "view"]},
    )
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    root = Collection.objects.filter(depth=1).first()
    planner = Group.objects.get(name="planner")
    if root is None:
        return
    for action in ["add", "change", "choose"]:
        GroupCollectionPermission.objects.get_or_create(
            group=planner,
            collection=root,
            permission=ensure_permission(apps, "wagtailimages", "image", action),
        )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    planner = Group.objects.filter(name="planner").first()
    if planner is None:
        return
    planner.permissions.remove(*planner.permissions.filter(content_type__model="reportnarrative"))
    GroupCollectionPermission.objects.filter(
        group=planner, collection__depth=1, permission__content_type__app_label="wagtailimages"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0004_report_narrative"),
        ("wagtailcore", "0094_alter_page_locale"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
