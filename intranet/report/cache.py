"""The report's computed figures, kept per generation (``intranet.caching``).

Every figure comes from the records of a feature module (learning and its records and clubs,
performance, advisory, the newsroom and its interviews and PR log, surveys), of the directory
(staff counts) and of Wagtail's pages. Their writers are many, and several write with
``update()``, ``bulk_create`` or a raw statement, which no model signal sees; so the report
watches the database instead: every ``INSERT``, ``UPDATE`` or ``DELETE`` on a table of those apps
(a wrapper on each connection, ``connection.execute_wrappers``) starts a new generation, now and
again after commit. The figures of a year, and the years with data, are then computed again on
the next view, in whichever process. A generation is also renewed after ``SAFETY_SECONDS``.

What is kept is the same for every reader: the figures (their link, not who may open it:
``Figure.url_for`` is asked for each reader on every view) and the years with data. The
narratives are read on every view. The key holds the language (a detail may be translated when
computed) and the day (this year's report so far; the years offered). Kept in each process's
memory only (a figure may hold a function: ``url_for``).
"""

import re

from django.db.backends.signals import connection_created
from django.utils import timezone, translation

from intranet.caching import Generational, ProcessMemory

SAFETY_SECONDS = 600
# Bounded: a few years, languages and days a process has shown.
_generation = Generational("report:figures", SAFETY_SECONDS, limit=1)
_kept = ProcessMemory(32)

# The apps whose tables the figures read (by their package or app label).
SOURCE_PACKAGES = ("learning", "performance", "advisory", "newsroom")
SOURCE_LABELS = ("surveys", "directory", "wagtailcore")
# Tables of those apps that record who read, acknowledged, received or tried to log in: written
# on ordinary views (every card news issue read), read by no figure. Watching them would start a
# new generation on nearly every card news view.
NOT_FIGURES = (
    "newsroom.IssueRead",
    "newsroom.NoticeAcknowledgement",
    "newsroom.DigestDelivery",
    "directory.PersonalDataAccess",
    "directory.LockOut",
)
_WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)', re.IGNORECASE)
_tables: frozenset[str] = frozenset()


def report_cache_clear(**kwargs) -> None:
    """Start a new generation (now, and again once the current transaction has committed)."""
    _generation.invalidate()


def _source_tables() -> frozenset[str]:
    from django.apps import apps

    return frozenset(
        model._meta.db_table
        for model in apps.get_models(include_auto_created=True)
        if (model._meta.app_label in SOURCE_LABELS or model.__module__.split(".", 1)[0] in SOURCE_PACKAGES)
        and model._meta.label not in NOT_FIGURES
    )


def _watch(execute, sql, params, many, context):
    """A connection's execute wrapper: a write on a source table starts a new generation."""
    if _tables and isinstance(sql, str) and sql[:1] in "IUDiud \n":
        match = _WRITE.match(sql)
        if match and match.group(1) in _tables:
            report_cache_clear()
    return execute(sql, params, many, context)


def _connection_created(sender, connection, **kwargs) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def connect() -> None:
    """Watch every connection's writes (from the app's ``ready``)."""
    global _tables
    from django.db import connections

    _tables = _source_tables()
    connection_created.connect(_connection_created, dispatch_uid="intranet.report.watch")
    for connection in connections.all():  # this thread's; other threads' on their connecting
        _connection_created(None, connection)


def _key(*parts) -> str:
    day = timezone.localdate().isoformat()
    return ":".join([_generation.generation(), day, translation.get_language() or "", *map(str, parts)])


def kept(name: str, compute):
    """``compute()`` for the current generations, day and language, once per process."""
    key = _key(name)
    held = _kept.get(key)
    if held is None:
        held = (compute(),)
        _kept.put(key, held)
    return held[0]
