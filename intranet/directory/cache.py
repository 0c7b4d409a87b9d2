"""Cached directory figures that every list page needs but that change only when HR data does.

Filter choices, the department list of the filter form and the org chart's head-counts scan
every staff (or department) row; at 20,000 staff that is most of a page's time. They are cached
until a directory write calls ``directory_cache_clear`` (``Staff.save``/``Department.save`` do;
bulk writers — the HR import, seed_demo — call it after their transaction), with a time limit as
a safety net.

The shared cache holds a small *generation* token and the figures under keys of that generation;
each process also keeps the figures of the current generation in memory. A page then reads one
small token from the cache instead of unpickling 1,700 departments (about 0.4 ms each time), and a
clear is one write: a new token, which every process sees on its next read.
"""

import uuid

from django.core.cache import cache
from django.db import transaction

GENERATION_KEY = "directory:generation"
FILTER_CHOICES_KEY = "directory:filter-choices"
ORG_TOTALS_KEY = "directory:org-totals"
DEPARTMENT_ROWS_KEY = "directory:department-rows"
KEYS = [FILTER_CHOICES_KEY, ORG_TOTALS_KEY, DEPARTMENT_ROWS_KEY]
SAFETY_SECONDS = 600

_memory: dict[str, tuple[str, object]] = {}  # key -> (generation, value), this process only


def directory_cache_clear() -> None:
    """Start a new generation once the current transaction has committed."""
    transaction.on_commit(lambda: cache.delete(GENERATION_KEY))


def _generation() -> str:
    token = cache.get(GENERATION_KEY)
    if token is None:
        cache.add(GENERATION_KEY, uuid.uuid4().hex, SAFETY_SECONDS)
        token = cache.get(GENERATION_KEY) or ""
    return token


def cached(key: str, compute):
    """The value of ``key`` for the current generation: from this process's memory, else from
    the shared cache, else computed (and kept in both)."""
    generation = _generation()
    held = _memory.get(key)
    if held is not None and held[0] == generation and generation:
        return held[1]
    shared_key = f"{key}:{generation}"
    value = cache.get(shared_key)
    if value is None:
        value = compute()
        cache.set(shared_key, value, SAFETY_SECONDS)
    _memory[key] = (generation, value)
    return value
