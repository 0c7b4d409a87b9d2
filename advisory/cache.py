"""The advisory pages' values that every view reads and that change only when a secretary or a
department edits the committee's records: the years with meetings (the year chooser and the
advice filter), the domains (the advice filter), and the rendered fragments of the committee page
and of the advice table (``advisory_generation`` is part of their keys). Kept per generation
(``intranet/caching.py``: one small token read a page instead of the queries) until a save or
delete of a domain, member, term, ceremony, meeting, agenda item or piece of advice calls
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


def advisory_generation() -> str:
    """The current generation: part of the keys of the pages' kept fragments."""
    return _figures.generation()


def cached(key: str, compute):
    return _figures.get(key, compute)
