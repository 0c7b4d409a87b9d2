"""Values every request needs, kept in each process for the current *generation* of a namespace.

The shared cache holds only a small generation token per namespace; the values themselves are
kept in the shared cache under keys of that generation and, once read, in this process's memory.
A page then reads one small token instead of unpickling (or querying) the whole value, and a
change is one write — a new generation, which every process sees on its next read. Writers call
``invalidate()``: it takes effect at once for the writing transaction and again after commit, so
that a reader in between cannot keep the old value under the new generation.
"""

import threading
import uuid
from collections import OrderedDict

from django.core.cache import cache
from django.db import transaction


class Generational:
    def __init__(self, namespace: str, timeout: int, *, limit: int = 64):
        self.namespace = namespace
        self.timeout = timeout  # the safety net: a generation older than this is renewed
        self._token_key = f"{namespace}:generation"
        # key -> (generation, value), the least recently used dropped beyond ``limit`` keys: a
        # namespace keyed by survey would otherwise grow with every survey a worker has shown.
        self._memory: OrderedDict[str, tuple[str, object]] = OrderedDict()
        self.limit = limit
        self._lock = threading.Lock()  # gthread workers share the memory between threads

    def invalidate(self) -> None:
        cache.delete(self._token_key)
        transaction.on_commit(lambda: cache.delete(self._token_key))

    def _generation(self) -> str:
        token = cache.get(self._token_key)
        if token is None:
            cache.add(self._token_key, uuid.uuid4().hex, self.timeout)
            token = cache.get(self._token_key) or ""
        return token

    def get(self, key: str, compute):
        """The value of ``key`` for the current generation: from this process's memory, else
        from the shared cache, else computed (and kept in both). Callers must not change it."""
        generation = self._generation()
        with self._lock:
            held = self._memory.get(key)
            if held is not None and generation and held[0] == generation:
                self._memory.move_to_end(key)
                return held[1]
        shared_key = f"{self.namespace}:{generation}:{key}"
        value = cache.get(shared_key)
        if value is None:
            value = compute()
            cache.set(shared_key, value, self.timeout)
        with self._lock:
            self._memory[key] = (generation, value)
            self._memory.move_to_end(key)
            while len(self._memory) > self.limit:
                self._memory.popitem(last=False)
        return value
