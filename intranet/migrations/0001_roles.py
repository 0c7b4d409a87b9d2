"""Create the role groups of DESIGN.md and give each its model permissions.

Later modules add permissions for their own models in their own migrations.
"""

from django.db import migrations

from intranet.roles import ensure_permission

ADMIN_ROLES = [
    "learning admin",
    "planner",
    "leader",
    "editor",
    "committee secretary",
    "HR admin",
    "survey admin",
]
ALL_ROLES = ["staff", "programme owner", *ADMIN_ROLES]
HR_PERMISSIONS = [
    ("directory", "department", ["add", "change", "view"]),
    ("directory", "staff", ["add", "change", "view"]),
    ("directory", "importrun", ["add", "view"]),
    ("directory", "personaldataaccess", ["view"]),
    ("axes", "accessattempt", ["view", "delete"]),
]
EDITOR_PERMISSIONS = [
    ("wagtailimages", "image", ["add", "change", "choose"]),
    ("wagtaildocs", "document", ["add", "change", "choose"]),
]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    access_admin = ensure_permission(apps, "wagtailadmin", "admin", "access")
    for name in ALL_ROLES:
        group, _ = Group.objects.get_or_create(name=name)
        if name in ADMIN_ROLES:
            group.permissions.add(access_admin)
    hr = Group.objects.get(name="HR admin")
    for app_label, model, actions in HR_PERMISSIONS:
        for action in actions:
            hr.permissions.add(ensure_permission(apps, app_label, model, action))
    editor = Group.objects.get(name="editor")
    for app_label, model, actions in EDITOR_PERMISSIONS:
        for action in actions:
            editor.permissions.add(ensure_permission(apps, app_label, model, action))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ALL_ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("directory", "0001_initial"),
        ("axes", "0010_accessattemptexpiration"),
    ]
    operations = [migrations.RunPython(create_roles, remove_roles)]
