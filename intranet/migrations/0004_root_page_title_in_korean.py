"""Wagtail's root page is created titled "Root", and editors meet that title in the admin (the
page search's parent column, the move and chooser screens): give it a Korean one (issue 15 §4.1).
Only a root still called "Root" is renamed, and back on reversal."""

from django.db import migrations

KOREAN = "최상위"


def korean_title(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title="Root").update(title=KOREAN, draft_title=KOREAN)


def english_title(apps, schema_editor):
    Page = apps.get_model("wagtailcore", "Page")
    Page.objects.filter(depth=1, title=KOREAN).update(title="Root", draft_title="Root")


class Migration(migrations.Migration):
    dependencies = [
        ("intranet", "0003_feed_keys"),
        ("wagtailcore", "0040_page_draft_title"),  # after the root page exists and has draft_title
    ]

    operations = [migrations.RunPython(korean_title, english_title)]
