"""The plan page's computed roll-up, cached per plan, day and department until the plan changes.

The key holds ``Plan.rollup_version``, a counter in the database that ``signals.py`` bumps with
``F() + 1`` in the same transaction as any change to the plan's programmes, milestones, KPIs or
progress updates. The page reads the plan anyway (one query), so the version costs nothing, and
every process — with Redis or with a per-process memory cache — sees a change at once: a roll-up
cached under an older version is simply never read again.
"""

from django.db.models import F

from intranet.caching import Generational

TIMEOUT = 60 * 60 * 6  # a day's roll-up; the key also holds the as-of date
SAFETY_SECONDS = 600  # a write that bypasses the signals (a shell's ``update()``) waits this long

# What a programme page reads (``selectors.programme_detail``: the programme with its plan,
# department, owner, previous programme and proposal, milestones, KPIs, co-owners and updates),
# kept per programme, day and directory generation until any write of the performance module:
# every write that bumps a plan's version (``plan_changed``), a co-owner added or removed, a
# proposal saved or deleted, an update deleted, and the writers that use ``update()`` or
# ``bulk_create`` (``programme_pages_changed`` after them). One generation for every programme.
_pages = Generational("performance:programme-pages", SAFETY_SECONDS, limit=64)


def programme_pages_changed(**kwargs) -> None:
    """Start a new generation of the kept programme pages (now, and again after the commit)."""
    _pages.invalidate()


def programme_page_kept(key: str, compute):
    return _pages.get(key, compute)


def rollup_key(plan, *, as_of, department_id: int | None) -> str:
    return f"performance:rollup:{plan.pk}:v{plan.rollup_version}:{as_of.isoformat()}:d{department_id or 0}"


def plan_changed(plan_id: int | None) -> None:
    """Make the plan's cached roll-ups stale (inside the caller's transaction)."""
    programme_pages_changed()
    if plan_id is None:
        return
    from .models import Plan

    Plan.objects.filter(pk=plan_id).update(rollup_version=F("rollup_version") + 1)
