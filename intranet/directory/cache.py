"""Cached directory figures that every list page needs but that change only when HR data does.

Filter choices, the department list of the filter form and the org chart's head-counts scan
every staff (or department) row; at 20,000 staff that is
most of a page's time. They are cached until a directory write calls ``directory_cache_clear``
(``Staff.save``/``Department.save`` do; bulk writers — the HR import, seed_demo — call it after
their transaction), with a time limit as a safety net.
"""

from django.core.cache import cache
from django.db import transaction

FILTER_CHOICES_KEY = "directory:filter-choices"
ORG_TOTALS_KEY = "directory:org-totals"
DEPARTMENT_ROWS_KEY = "directory:department-rows"
KEYS = [FILTER_CHOICES_KEY, ORG_TOTALS_KEY, DEPARTMENT_ROWS_KEY]
SAFETY_SECONDS = 600


def directory_cache_clear() -> None:
    """Forget the cached figures once the current transaction has committed."""
    transaction.on_commit(lambda: cache.delete_many(KEYS))


def cached(key: str, compute):
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, SAFETY_SECONDS)
    return value
