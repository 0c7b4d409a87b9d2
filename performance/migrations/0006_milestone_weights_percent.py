"""Milestone weights become percentages of their programme that add up to 100.

Until now a milestone's weight was relative: any positive numbers, a programme's % being the
weight-normalised share of its done milestones (the demo used 1, 3, 3, 2). From now on the
services, the planning-spreadsheet import and the admin refuse weights that do not add up to 100,
so every existing programme whose milestone weights do not already add up to exactly 100 is
rescaled here, programme by programme, in the same proportions: each weight becomes
``weight × 100 / sum`` rounded to two decimals (never below 0.01), and the rounding remainder goes
to the largest, so the sum is exactly 100 (``performance.progress.percent_shares``, the rounding
the year-end rollover uses too). A programme's progress is a share of its weights, so every %
shown stays what it was (up to 0.01 % of rounding). Programmes without milestones are untouched.

Going back leaves the percentages as they are: they are valid relative weights too.
"""

from collections import defaultdict

from django.db import migrations, models


def rescale(apps, schema_editor):
    from performance.progress import percent_shares

    Milestone = apps.get_model("performance", "Milestone")
    by_programme = defaultdict(list)
    for milestone in Milestone.objects.order_by("programme_id", "pk").only("pk", "programme_id", "weight"):
        by_programme[milestone.programme_id].append(milestone)
    changed = []
    for milestones in by_programme.values():
        if sum(m.weight for m in milestones) == 100:
            continue
        for milestone, share in zip(milestones, percent_shares([m.weight for m in milestones]), strict=True):
            milestone.weight = share
            changed.append(milestone)
    Milestone.objects.bulk_update(changed, ["weight"], batch_size=500)
    # The plan page's cached roll-up is keyed by this counter (performance/cache.py).
    Programme, Plan = apps.get_model("performance", "Programme"), apps.get_model("performance", "Plan")
    programmes = {m.programme_id for m in changed}
    plans = set(Programme.objects.filter(pk__in=programmes).values_list("plan_id", flat=True))
    Plan.objects.filter(pk__in=plans).update(rollup_version=models.F("rollup_version") + 1)


class Migration(migrations.Migration):
    dependencies = [
        ("performance", "0005_plan_rollup_version"),
    ]

    operations = [
        migrations.AlterField(
            model_name="milestone",
            name="weight",
            field=models.DecimalField(
                decimal_places=2,
                help_text=(
                    "과제에서 이 일정이 차지하는 비율(%)입니다. "
                    "한 과제의 추진 일정 가중치를 더하면 100입니다."
                ),
                max_digits=6,
                verbose_name="가중치(%)",
            ),
        ),
        migrations.RunPython(rescale, migrations.RunPython.noop, elidable=True),
    ]
