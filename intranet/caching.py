"""Values every request needs, kept in each process for the current *generation* of a namespace.

The shared cache holds only a small generation token per namespace; the values themselves are
kept in the shared cache under keys of that generation and, once read, in this process's memory.
A page then reads one small token instead of unpickling (or querying) the whole value, and a
change is one write — a new generation, which every process sees on its next read. Writers call
``invalidate()``: it takes effect at once for the writing transaction and again after commit, so
that a reader in between cannot keep the old value under the new generation.

Within one request a namespace's token is read from the shared cache once (``_request_tokens``,
cleared when a request starts and ends, and by ``invalidate()``): the directory list asks for its
grade and position choices separately, the advice table for the meeting years and the domains,
and each ask used to be a cache round trip. The first token a request needs is read together with
the tokens that earlier requests for the same part of the site (the address's first segment:
``/directory/…``, ``/newsroom/…``) needed (``_batched``) in one ``get_many``: the home page asks
for the routing, page, directory and newsroom tokens, four round trips before, one now, while
the directory's pages go on reading the one token they need. Outside a request (a task, a
shell) every read goes to the shared cache, as before.
"""

import threading
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import transaction


class _RequestTokens(threading.local):
    """The generation tokens read during the current request of this thread (``None`` outside
    a request: nothing is remembered then), and whether the batch has been read."""

    tokens: dict | None = None
    batch_read: bool = False
    area: str = ""


_request_tokens = _RequestTokens()


def _request_begins(environ=None, scope=None, **kwargs) -> None:
    _request_tokens.tokens = {}
    _request_tokens.batch_read = False
    path = (environ or {}).get("PATH_INFO") or (scope or {}).get("path") or ""
    _request_tokens.area = path.split("/", 2)[1] if path.startswith("/") else ""


def _request_ends(**kwargs) -> None:
    _request_tokens.tokens = None
    _request_tokens.batch_read = False


request_started.connect(_request_begins, dispatch_uid="intranet.caching.request_begins")
request_finished.connect(_request_ends, dispatch_uid="intranet.caching.request_ends")


class ProcessMemory:
    """A bounded map kept in this process: the least recently used key is dropped beyond
    ``limit``, so memory keyed by survey, version or language cannot grow with every value a
    long-lived worker has shown. Thread-safe (gthread workers share it between threads)."""

    def __init__(self, limit: int):
        self.limit = limit
        self._values: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key, default=None):
        with self._lock:
            if key not in self._values:
                return default
            self._values.move_to_end(key)
            return self._values[key]

    def put(self, key, value) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.limit:
                self._values.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._values.clear()

    def __iter__(self):
        return iter(list(self._values))


# For each part of the site (an address's first segment), the token keys its requests read,
# in the order first read: read together at a request's first token. Bounded: at most
# ``BATCH_LIMIT`` keys a part (the most recent; a per-survey namespace per survey opened would
# otherwise grow it) and ``AREA_LIMIT`` parts (the first segment of any address that was asked).
BATCH_LIMIT = 8
AREA_LIMIT = 64
_batched = ProcessMemory(AREA_LIMIT)


def _token_wanted(tokens: dict, token_key: str) -> None:
    """A token this request has not read yet: remember it for the area's next requests and, at
    the request's first token, read the area's tokens in one round trip."""
    area = _request_tokens.area
    keys = _batched.get(area, ())
    if token_key not in keys:
        keys = (*keys, token_key)[-BATCH_LIMIT:]
        _batched.put(area, keys)
    if _request_tokens.batch_read:
        return
    _request_tokens.batch_read = True
    if len(keys) == 1:
        return  # one key: the plain read below
    for key, token in cache.get_many([key for key in keys if key not in tokens]).items():
        if token:
            tokens.setdefault(key, token)


class Generational:
    def __init__(self, namespace: str, timeout: int, *, limit: int = 64):
        self.namespace = namespace
        self.timeout = timeout  # the safety net: a generation older than this is renewed
        self._token_key = f"{namespace}:generation"
        self._memory = ProcessMemory(limit)  # key -> (generation, value)

    def invalidate(self) -> None:
        self.renew()
        transaction.on_commit(self.renew)

    def renew(self) -> None:
        """A new generation now only (a caller that waits for the commit itself)."""
        self._forget()
        cache.delete(self._token_key)

    def _forget(self) -> None:
        tokens = _request_tokens.tokens
        if tokens is not None:
            tokens.pop(self._token_key, None)

    def generation(self) -> str:
        """The namespace's current generation token, for keys kept outside this store (a
        template fragment cached per generation)."""
        return self._generation()

    def _generation(self) -> str:
        tokens = _request_tokens.tokens
        if tokens is not None:
            if self._token_key in tokens:
                return tokens[self._token_key]
            _token_wanted(tokens, self._token_key)
            if self._token_key in tokens:
                return tokens[self._token_key]
        token = cache.get(self._token_key)
        if token is None:
            cache.add(self._token_key, uuid.uuid4().hex, self.timeout)
            token = cache.get(self._token_key) or ""
        if tokens is not None and token:
            tokens[self._token_key] = token
        return token

    def get(self, key: str, compute):
        """The value of ``key`` for the current generation: from this process's memory, else
        from the shared cache, else computed (and kept in both). Callers must not change it."""
        generation = self._generation()
        held = self._memory.get(key)
        if held is not None and generation and held[0] == generation:
            return held[1]
        shared_key = f"{self.namespace}:{generation}:{key}"
        value = cache.get(shared_key)
        if value is None:
            value = compute()
            cache.set(shared_key, value, self.timeout)
        self._memory.put(key, (generation, value))
        return value
