"""A named lock for the rest of the current transaction, for check-then-write steps that have no
row to lock (the row is what they may create).

On PostgreSQL, an advisory transaction lock on a 64-bit key made from the name: a second
transaction asking for the same name waits until the first commits or rolls back, then sees what
it wrote. On SQLite the project's IMMEDIATE transaction mode already takes the database's one
write lock at ``BEGIN``, so every write transaction runs alone and nothing more is needed.
"""

import hashlib

from django.db import connection


def transaction_lock(name: str) -> None:
    """Hold the lock called ``name`` until the current transaction ends (call inside
    ``transaction.atomic``)."""
    if not connection.in_atomic_block:
        raise RuntimeError("transaction_lock needs a transaction (transaction.atomic)")
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key(name)])


def lock_key(name: str) -> int:
    """A signed 64-bit key, the same in every process."""
    return int.from_bytes(hashlib.blake2b(name.encode(), digest_size=8).digest(), "big", signed=True)
