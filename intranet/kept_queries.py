"""Queries of a fixed shape compiled once per process, for the reads every page view makes.

Compiling a queryset to SQL costs Django some 2,000 Python calls for a query with a few joins
(resolving lookups, the joins' column types, quoting every name), far more than sending it and
reading a handful of rows. A dashboard panel asks the same question on every view with only the
person's id changed. ``KeptQuery`` compiles its ``values_list`` queryset once per process (and
database engine) with placeholder values, remembers where each placeholder went in
the parameters and which converters the columns need, and on each call only binds the values,
executes and converts — the rows are exactly what the queryset would have returned.

Only plain ``values_list`` querysets (model fields, no annotations or extra selects) of integer
placeholders: an integer reaches the parameters unchanged on every backend, where a date or a
string may be adapted (SQLite stores datetimes as text).
"""

import re
import threading
from collections.abc import Callable

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.db.models.query import get_related_populators

# Integers no row holds and no query compiles by itself (a slice is inlined as LIMIT), within a
# 32-bit integer column's range: Django compiles a lookup of a value out of the column's range
# to "nothing matches" (EmptyResultSet) on PostgreSQL, e.g. on ``auth_user.id``.
_SENTINEL_BASE = -2_147_480_000


def _check_placed(names, placed) -> None:
    missing = set(names) - set(placed)
    if missing:
        raise ValueError(f"placeholders not found in the query's parameters: {sorted(missing)}")


class KeptQuery:
    """``KeptQuery(lambda staff: Model.objects.filter(staff_id=staff).values_list(...), "staff")``;
    then ``query.rows(staff=12)`` gives the list ``list(build(staff=12))`` would."""

    def __init__(self, build: Callable[..., QuerySet], *names: str):
        self.build = build
        self.names = names
        self._compiled: dict[tuple, tuple] = {}
        self._lock = threading.Lock()

    def _sentinels(self) -> dict:
        return {name: _SENTINEL_BASE - n for n, name in enumerate(self.names)}

    def _slots(self, sql: str, params: list, sentinels: dict) -> list:
        """Where each placeholder went: ``(index in the parameters, name)``."""
        by_value = {value: name for name, value in sentinels.items()}
        slots = [(i, by_value[p]) for i, p in enumerate(params) if type(p) is int and p in by_value]
        _check_placed(self.names, {name for _i, name in slots})
        return slots

    def _bind(self, params: list, slots: list, values: dict) -> list:
        params = list(params)
        for i, name in slots:
            params[i] = int(values[name])
        return params

    def _check(self, queryset: QuerySet) -> None:
        query = queryset.query
        if query.annotation_select or query.extra_select or not queryset._fields:
            raise TypeError("KeptQuery takes a values_list() of model fields only")

    def _compile(self, alias: str):
        sentinels = self._sentinels()
        queryset = self.build(**sentinels)
        self._check(queryset)
        compiler = queryset.query.get_compiler(using=alias)
        sql, params = compiler.as_sql()
        slots = self._slots(sql, params, sentinels)
        fields = [s[0] for s in compiler.select[0 : compiler.col_count]]
        converters = compiler.get_converters(fields)
        # DISTINCT with an ORDER BY outside the selected columns selects those too: cut them off.
        return sql, tuple(params), slots, list(converters.items()), compiler.col_count, compiler

    def _compiled_for(self, connection) -> tuple:
        key = (connection.vendor, connection.settings_dict["ENGINE"])
        compiled = self._compiled.get(key)
        if compiled is None:
            with self._lock:
                compiled = self._compiled.get(key) or self._compile(DEFAULT_DB_ALIAS)
                self._compiled[key] = compiled
        return compiled

    def rows(self, **values: int) -> list[tuple]:
        connection = connections[DEFAULT_DB_ALIAS]  # Ieum has one database
        sql, params, slots, converters, width, _compiler = self._compiled_for(connection)
        params = self._bind(params, slots, values)
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        if rows and len(rows[0]) != width:
            rows = [row[:width] for row in rows]
        if not converters:
            return [tuple(row) for row in rows]
        converted = []
        for row in rows:  # as ``SQLCompiler.apply_converters``, with this thread's connection
            row = list(row)
            for position, (functions, expression) in converters:
                value = row[position]
                for function in functions:
                    value = function(value, expression, connection)
                row[position] = value
            converted.append(tuple(row))
        return converted


class KeptObjectsQuery(KeptQuery):
    """A ``KeptQuery`` of model instances: ``build`` gives a plain queryset, with
    ``select_related`` and annotations if wanted (no ``extra``, ``only``/``defer`` or ``values``),
    and ``objects(**values)`` gives the instances it would, related objects and annotations filled
    in, built as Django's ``ModelIterable`` builds them from the kept compiler's column map."""

    def _check(self, queryset: QuerySet) -> None:
        query = queryset.query
        if query.extra_select or queryset._fields is not None:
            raise TypeError("KeptObjectsQuery takes a plain queryset (select_related allowed)")
        if query.deferred_loading != (frozenset(), True) or queryset._prefetch_related_lookups:
            raise TypeError("KeptObjectsQuery does not keep deferred fields or prefetches")

    def objects(self, **values: int) -> list:
        connection = connections[DEFAULT_DB_ALIAS]
        compiler = self._compiled_for(connection)[-1]
        rows = self.rows(**values)
        select, klass_info = compiler.select, compiler.klass_info
        first, last = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [column[0].target.attname for column in select[first:last]]
        model = klass_info["model"]
        populators = get_related_populators(klass_info, select, DEFAULT_DB_ALIAS)
        annotations = list(compiler.annotation_col_map.items())
        objects = []
        for row in rows:
            obj = model.from_db(DEFAULT_DB_ALIAS, init_list, row[first:last])
            for populator in populators:
                populator.populate(row, obj)
            for name, position in annotations:
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects


class KeptWordsQuery(KeptQuery):
    """A ``KeptQuery`` whose placeholders are words written into string parameters: a search
    backend folds each word, quoted, into one query string (``'교육':* & '안내'``), which no
    integer placeholder can stand for. ``build`` gets a made-up word per name (lower-case Latin
    letters, which no backend splits or changes); each call writes ``quote(word)`` where the
    made-up word was, so ``quote`` must be exactly what the backend does to a word it is given.
    The caller keeps one query per number of words (the backend's query has one shape per count).
    """

    def __init__(self, build: Callable[..., QuerySet], *names: str, quote: Callable[[str], str]):
        super().__init__(build, *names)
        self.quote = quote

    def _sentinels(self) -> dict:
        return {name: f"zqkeptword{_letters(n)}zq" for n, name in enumerate(self.names)}

    def _slots(self, sql: str, params: list, sentinels: dict) -> list:
        by_word = {word: name for name, word in sentinels.items()}
        pattern = re.compile("|".join(re.escape(word) for word in by_word))
        if pattern.search(sql):
            raise ValueError("a placeholder word went into the SQL text, not its parameters")
        slots, placed = [], set()
        for i, param in enumerate(params):
            if isinstance(param, str) and pattern.search(param):
                names = [by_word[found] for found in pattern.findall(param)]
                placed.update(names)
                slots.append((i, pattern, param))
        _check_placed(self.names, placed)
        return slots

    def _bind(self, params: list, slots: list, values: dict) -> list:
        params = list(params)
        quoted = {word: self.quote(str(values[name])) for name, word in self._sentinels().items()}
        for i, pattern, template in slots:
            params[i] = pattern.sub(lambda found: quoted[found.group()], template)
        return params


def _letters(n: int) -> str:
    """0 → "a", 25 → "z", 26 → "ba": a made-up word per placeholder, none a prefix of another
    once closed by the caller's suffix."""
    letters = ""
    while True:
        n, digit = divmod(n, 26)
        letters = chr(97 + digit) + letters
        if not n:
            return letters
