"""The report's computed figures and years with data, kept per generation (``intranet.caching``).

Each module's panel says which models its figures read (``Panel.reads``, and ``reads`` of its
``register_report_years``). Their writers are many, and several write with ``update()``,
``bulk_create`` or a raw statement, which no model signal sees; so the report watches the
database: a wrapper on each connection (``connection.execute_wrappers``) looks at every
``INSERT``, ``UPDATE`` or ``DELETE``, and one on a table those models read starts a new
generation. Only those tables: records of who read an issue, looked at personal data, uploaded
a respondent list or ran an import are read by no figure and renew nothing.

In autocommit the generation is renewed at once. Inside a transaction it is renewed once, when
the transaction commits (one ``on_commit`` callback a transaction, however many writes), and
until then the writing transaction keeps what it computes for itself (``_Pending.values``, keyed
by its savepoints and emptied by each further write): other readers go on with the committed
figures, which are still true, and nothing computed from writes that are then rolled back is
kept anywhere. A generation is also renewed after ``SAFETY_SECONDS``.

What is kept is the same for every reader: the figures (their link, not who may open it:
``Figure.url_for`` is asked for each reader on every view) and the years with data. The
narratives are read on every view. The key holds the language (a detail may be translated when
computed) and the day (this year's report so far; the years offered). Kept in each process's
memory only (a figure may hold a function: ``url_for``). If a panel or a years provider does not
say what it reads, nothing is kept.
"""

import re

from django.db import connection as default_connection
from django.db.backends.signals import connection_created
from django.utils import timezone, translation

from intranet.caching import Generational, ProcessMemory
from intranet.registry import annual_figures, report_years, report_years_reads

SAFETY_SECONDS = 600
_generation = Generational("report:figures", SAFETY_SECONDS, limit=1)
# Bounded: a few years, languages and days a process has shown.
_kept = ProcessMemory(32)
_WRITE = re.compile(r'^\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)', re.IGNORECASE)
_tables_of: dict = {}  # the registrations' identity -> their tables (None: one did not say)


def _model_tables(model) -> set[str]:
    """A model's table, its multi-table parents' and its own many-to-many tables."""
    tables = {model._meta.db_table}
    tables.update(parent._meta.db_table for parent in model._meta.get_parent_list())
    tables.update(field.remote_field.through._meta.db_table for field in model._meta.local_many_to_many)
    return tables


def watched_tables() -> frozenset[str] | None:
    """The tables the registered figures and years read, or None when a panel or a years
    provider does not say (then nothing is kept)."""
    sources = (*annual_figures.panels.values(), *report_years.values(), *report_years_reads.values())
    key = tuple(map(id, sources))
    if key not in _tables_of:
        reads = [panel.reads for panel in annual_figures.panels.values()]
        reads += [report_years_reads.get(name) for name in report_years]
        tables = None
        if all(r is not None for r in reads):
            tables = frozenset(t for models in reads for model in models for t in _model_tables(model))
        _tables_of[key] = (sources, tables)  # the sources held, so that their ids stay theirs
        if len(_tables_of) > 8:  # registrations changed (tests register toys): forget the oldest
            del _tables_of[next(iter(_tables_of))]
    return _tables_of[key][1]


class _Pending:
    """The one ``on_commit`` callback of a transaction that wrote a watched table: renews the
    generation at commit. Until then, what the transaction computes is kept here (it may see
    its own writes, which no one else must be given)."""

    def __init__(self):
        self.values: dict = {}

    def __call__(self) -> None:
        self.values.clear()
        _generation.renew()


def _pending(connection) -> _Pending | None:
    """The transaction's pending renewal, if it has one (gone on commit or rollback)."""
    pending = getattr(connection, "_report_pending", None)
    if pending is None or not connection.in_atomic_block:
        return None
    return pending if any(entry[1] is pending for entry in connection.run_on_commit) else None


def report_cache_clear() -> None:
    """Start a new generation now, and forget what this thread's open transaction kept (a
    change no watched table shows: a test's toy figures)."""
    pending = _pending(default_connection)
    if pending is not None:
        pending.values.clear()
    _generation.renew()


def _renew(connection) -> None:
    if not connection.in_atomic_block:
        report_cache_clear()
        return
    pending = _pending(connection)
    if pending is not None:
        pending.values.clear()  # this write may change what the transaction computed
        return
    pending = connection._report_pending = _Pending()
    connection.on_commit(pending)


def _watch(execute, sql, params, many, context):
    """A connection's execute wrapper: a write on a watched table renews the generation."""
    if isinstance(sql, str) and sql[:1] in "IUDiud \n":
        match = _WRITE.match(sql)
        if match:
            tables = watched_tables()
            if tables and match.group(1) in tables:
                _renew(context["connection"])
    return execute(sql, params, many, context)


def _connection_created(sender, connection, **kwargs) -> None:
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.append(_watch)


def connect() -> None:
    """Watch every connection's writes (from the app's ``ready``)."""
    from django.db import connections

    connection_created.connect(_connection_created, dispatch_uid="intranet.report.watch")
    for connection in connections.all():  # this thread's; other threads' on their connecting
        _connection_created(None, connection)


def kept(name: str, compute):
    """``compute()`` for the current generation, day and language, once per process (or once
    per writing transaction, see above); computed each time when a source does not say what it
    reads."""
    if watched_tables() is None:
        return compute()
    key = ":".join([name, timezone.localdate().isoformat(), translation.get_language() or ""])
    pending = _pending(default_connection)
    if pending is not None:
        store, key = pending.values, (tuple(default_connection.savepoint_ids), key)
        if key not in store:
            store[key] = compute()
        return store[key]
    generation = _generation.generation()
    held = _kept.get(key)
    if held is None or held[0] != generation or not generation:
        held = (generation, compute())
        _kept.put(key, held)
    return held[1]
