"""Cached directory figures that every list page needs but that change only when HR data does.

Filter choices, the department list of the filter form and the org chart's head-counts scan
every staff (or department) row; at 20,000 staff that is most of a page's time. They are kept per
generation (``intranet/caching.py``: one small token read per page instead of unpickling 1,700
departments, about 0.4 ms each time) until a directory write calls ``directory_cache_clear``
(``Staff.save``/``Department.save`` do; bulk writers — the HR import, seed_demo — call it after
their transaction), with a time limit as a safety net.
"""

from intranet.caching import Generational

FILTER_CHOICES_KEY = "filter-choices"
ORG_TOTALS_KEY = "org-totals"
DEPARTMENT_ROWS_KEY = "department-rows"
DEPARTMENT_TREE_KEY = "department-tree"
SAFETY_SECONDS = 600

_figures = Generational("directory", SAFETY_SECONDS)


def directory_cache_clear() -> None:
    """Start a new generation (now, and again once the current transaction has committed)."""
    _figures.invalidate()


def directory_generation() -> str:
    """The current generation: part of the key of the list page's cached result fragment."""
    return _figures.generation()


def cached(key: str, compute):
    return _figures.get(key, compute)
