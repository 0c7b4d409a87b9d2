"""The advisory pages' small lists that every view reads and that change only when a secretary
edits a meeting or a domain: the years with meetings (the year chooser and the advice filter)
and the domains (the advice filter). Kept per generation (``intranet/caching.py``: one small
token read a page instead of two queries) until a save or delete of a meeting or a domain calls
``advisory_cache_clear`` (``signals.py``), with a time limit as a safety net.
"""

from intranet.caching import Generational

MEETING_YEARS_KEY = "meeting-years"
DOMAIN_ROWS_KEY = "domain-rows"
SAFETY_SECONDS = 600

_figures = Generational("advisory", SAFETY_SECONDS)


def advisory_cache_clear() -> None:
    """Start a new generation (now, and again once the current transaction has committed)."""
    _figures.invalidate()


def cached(key: str, compute):
    return _figures.get(key, compute)
