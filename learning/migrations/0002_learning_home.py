"""Create the education site's home page (/learning/) under the site root, and give learning
admins the permissions of their screens: sessions as snippets, course pages under the home."""

from django.db import migrations

from intranet.roles import ensure_permission

INTRO = "<p>직무 교육, 전문가 특강, 정보화 교육, 전문 과정과 외부 학회·세미나를 한곳에서 신청하세요.</p>"
SESSION_ACTIONS = ["add", "change", "view"]
PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def _next_child_path(parent, Page):
    """The next free treebeard path under ``parent``: computed, so that another module's page
    created in the same install (the newsroom's) never collides with this one."""
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    if last is None:
        return parent.path + "0001"
    step = last.path[-4:]
    alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    number = int(step, 36) + 1
    digits = ""
    for _ in range(4):
        number, rest = divmod(number, 36)
        digits = alphabet[rest] + digits
    return parent.path + digits


def create_learning_home(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("home", "HomePage")
    LearningHomePage = apps.get_model("learning", "LearningHomePage")
    home = HomePage.objects.order_by("path").first()
    if (
        home is None
        or Page.objects.filter(path__startswith=home.path, depth=home.depth + 1, slug="learning").exists()
    ):
        return
    content_type, _ = ContentType.objects.get_or_create(model="learninghomepage", app_label="learning")
    page = LearningHomePage.objects.create(
        title="교육",
        draft_title="교육",
        slug="learning",
        content_type=content_type,
        path=_next_child_path(home, Page),
        depth=home.depth + 1,
        numchild=0,
        url_path=home.url_path + "learning/",
        locale_id=home.locale_id,
        live=True,
        intro=INTRO,
        news=[],
    )
    Page.objects.filter(pk=home.pk).update(
        numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    )

    Group = apps.get_model("auth", "Group")
    group = Group.objects.filter(name="learning admin").first()
    if group is None:
        return
    for action in SESSION_ACTIONS:
        group.permissions.add(ensure_permission(apps, "learning", "session", action))
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Permission = apps.get_model("auth", "Permission")
    for codename in PAGE_PERMISSIONS:
        permission = Permission.objects.filter(
            content_type__app_label="wagtailcore", codename=codename
        ).first()
        if permission is not None:
            GroupPagePermission.objects.get_or_create(group=group, page_id=page.pk, permission=permission)


def remove_learning_home(apps, schema_editor):
    apps.get_model("learning", "LearningHomePage").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("intranet", "0001_roles"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]
    operations = [migrations.RunPython(create_learning_home, remove_learning_home)]
