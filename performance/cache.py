"""The plan page's computed roll-up, cached per plan and day, and dropped on every change.

Each plan has a version number in the cache; the cached roll-up's key holds it, so bumping the
version (after any write to the plan's programmes, milestones, KPIs or updates, once the
transaction commits) makes every cached roll-up of that plan stale at once, in every process.
"""

from django.core.cache import cache
from django.db import transaction

TIMEOUT = 60 * 60 * 6  # the day's roll-up; the key also holds the as-of date


def _version_key(plan_id: int) -> str:
    return f"performance:plan:{plan_id}:version"


def plan_version(plan_id: int) -> int:
    version = cache.get(_version_key(plan_id))
    if version is None:
        version = 1
        cache.add(_version_key(plan_id), version, None)
    return version


def rollup_key(plan_id: int, *, as_of, department_id: int | None, version: int) -> str:
    return f"performance:plan:{plan_id}:v{version}:{as_of.isoformat()}:d{department_id or 0}"


def plan_changed(plan_id: int | None) -> None:
    """Make the plan's cached roll-ups stale, after the current transaction commits."""
    if plan_id is None:
        return

    def bump():
        try:
            cache.incr(_version_key(plan_id))
        except ValueError:  # no version yet: nothing cached under the old one
            cache.add(_version_key(plan_id), 2, None)

    transaction.on_commit(bump)
