"""The committee's three domains of 2025: performance management, law and IT (more can be added)."""

from django.db import migrations

DOMAINS = [("성과관리", 1), ("법률", 2), ("IT", 3)]


def create(apps, schema_editor):
    Domain = apps.get_model("advisory", "Domain")
    for name, order in DOMAINS:
        Domain.objects.get_or_create(name=name, defaults={"sort_order": order, "max_consecutive_terms": 2})


def remove(apps, schema_editor):
    apps.get_model("advisory", "Domain").objects.filter(
        name__in=[n for n, _ in DOMAINS], members__isnull=True
    ).delete()


class Migration(migrations.Migration):
    dependencies = [("advisory", "0001_initial")]
    operations = [migrations.RunPython(create, remove)]
