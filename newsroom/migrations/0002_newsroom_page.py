"""Create the newsroom home (``/newsroom/``) under the site's home page, and let the editor role
add, edit and publish pages beneath it (and see the newsroom's records in the admin)."""

from django.db import migrations

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
STEPLEN = 4
PAGE_ACTIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def _step(number: int) -> str:
    out = ""
    while number:
        number, rest = divmod(number, len(ALPHABET))
        out = ALPHABET[rest] + out
    return out.rjust(STEPLEN, "0")


def _next_child_path(Page, parent) -> str:
    last = Page.objects.filter(path__startswith=parent.path, depth=parent.depth + 1).order_by("-path").first()
    number = int(last.path[-STEPLEN:], 36) + 1 if last else 1
    return parent.path + _step(number)


def create_newsroom(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    HomePage = apps.get_model("home", "HomePage")
    NewsroomIndexPage = apps.get_model("newsroom", "NewsroomIndexPage")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")

    home = HomePage.objects.order_by("path").first()
    if home is None or NewsroomIndexPage.objects.exists():
        return
    content_type, _ = ContentType.objects.get_or_create(app_label="newsroom", model="newsroomindexpage")
    page = NewsroomIndexPage.objects.create(
        title="소식",
        draft_title="소식",
        slug="newsroom",
        content_type=content_type,
        path=_next_child_path(Page, home),
        depth=home.depth + 1,
        numchild=0,
        url_path=f"{home.url_path}newsroom/",
        locale_id=home.locale_id,
        live=True,
        intro="<p>카드뉴스, 칼럼, 공지를 한곳에서 봅니다.</p>",
    )
    Page.objects.filter(pk=home.pk).update(
        numchild=Page.objects.filter(path__startswith=home.path, depth=home.depth + 1).count()
    )
    editor = Group.objects.filter(name="editor").first()
    if editor is None:
        return
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    for codename in PAGE_ACTIONS:
        permission, _ = Permission.objects.get_or_create(
            content_type=page_type, codename=codename, defaults={"name": codename.replace("_", " ")}
        )
        GroupPagePermission.objects.get_or_create(group=editor, page_id=page.pk, permission=permission)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("home", "0002_create_homepage"),
        ("intranet", "0001_roles"),
        ("wagtailcore", "0097_baselogentry_uuid_action_timestamp_indexes"),
    ]
    operations = [migrations.RunPython(create_newsroom, migrations.RunPython.noop)]
