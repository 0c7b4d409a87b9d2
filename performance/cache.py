"""The plan page's computed roll-up, cached per plan, day and department until the plan changes.

The key holds ``Plan.rollup_version``, a counter in the database that ``signals.py`` bumps with
``F() + 1`` in the same transaction as any change to the plan's programmes, milestones, KPIs or
progress updates. The page reads the plan anyway (one query), so the version costs nothing, and
every process — with Redis or with a per-process memory cache — sees a change at once: a roll-up
cached under an older version is simply never read again.
"""

from django.db.models import F

TIMEOUT = 60 * 60 * 6  # a day's roll-up; the key also holds the as-of date


def rollup_key(plan, *, as_of, department_id: int | None) -> str:
    return f"performance:rollup:{plan.pk}:v{plan.rollup_version}:{as_of.isoformat()}:d{department_id or 0}"


def plan_changed(plan_id: int | None) -> None:
    """Make the plan's cached roll-ups stale (inside the caller's transaction)."""
    if plan_id is None:
        return
    from .models import Plan

    Plan.objects.filter(pk=plan_id).update(rollup_version=F("rollup_version") + 1)
