"""PostgreSQL advisory locks: one instance per projection, one rebuild at a time."""

from __future__ import annotations

import hashlib
from contextlib import ExitStack
from typing import Any

import psycopg
from eventsourcing.persistence import PersistenceError
from eventsourcing.postgres import PostgresDatastore


def lock_key(schema: str, purpose: str) -> int:
    """A 64-bit key for `pg_*advisory*lock`, distinct per schema (so test schemas and
    deployments sharing a database do not block each other)."""
    digest = hashlib.sha256(f"kaohe:{schema}:{purpose}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class AdvisoryLock:
    """A session-level advisory lock, held on one pooled connection until released. If that
    connection dies, PostgreSQL releases the lock: `alive()` tells the holder so."""

    def __init__(self, datastore: PostgresDatastore, key: int) -> None:
        self._datastore = datastore
        self._key = key
        self._stack: ExitStack | None = None
        self._connection: Any = None

    @property
    def held(self) -> bool:
        return self._connection is not None

    def try_acquire(self) -> bool:
        """Take the lock if nobody holds it; never waits."""
        if self.held:
            return True
        stack = ExitStack()
        connection = stack.enter_context(self._datastore.get_connection())
        try:
            found = connection.execute("SELECT pg_try_advisory_lock(%s) AS ok", (self._key,))
            row = found.fetchone()
            acquired = row is not None and bool(row["ok"])
        except BaseException:
            stack.close()
            raise
        if not acquired:
            stack.close()
            return False
        self._stack, self._connection = stack, connection
        return True

    def alive(self) -> bool:
        """Whether the lock's connection still answers (if not, the lock is gone)."""
        if self._connection is None:
            return False
        try:
            self._connection.execute("SELECT 1")
        except (psycopg.Error, PersistenceError):
            self.release()
            return False
        return True

    def release(self) -> None:
        connection, stack = self._connection, self._stack
        self._connection = self._stack = None
        if connection is None or stack is None:
            return
        try:
            connection.execute("SELECT pg_advisory_unlock(%s)", (self._key,))
        except (psycopg.Error, PersistenceError):
            pass  # the connection is gone, and the lock with it
        finally:
            stack.close()
