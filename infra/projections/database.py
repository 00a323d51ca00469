"""The event store's own database (one SQLite file or one PostgreSQL schema) for view tables."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from eventsourcing.persistence import PersistenceError
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore

from application.store import EventStore
from infra.persistence.sqlite_recorder import utc_text

DB_ERRORS: tuple[type[Exception], ...] = (PersistenceError, sqlite3.Error)
"""What a failed statement raises: the library wraps psycopg errors, not raw sqlite3 ones."""


class Tx:
    """One transaction's cursor; statements use %s placeholders on both databases."""

    def __init__(self, cursor: Any, postgres: bool) -> None:
        self._cursor = cursor
        self._postgres = postgres

    def run(self, statement: str, params: Sequence[object] = ()) -> int:
        """Execute; the number of rows changed."""
        self._cursor.execute(self._native(statement), params)
        return int(self._cursor.rowcount)

    def run_many(self, statement: str, rows: Sequence[Sequence[object]]) -> None:
        if rows:
            self._cursor.executemany(self._native(statement), rows)

    def rows(self, statement: str, params: Sequence[object] = ()) -> list[dict[str, Any]]:
        self._cursor.execute(self._native(statement), params)
        return [dict(row) for row in self._cursor.fetchall()]

    def row(self, statement: str, params: Sequence[object] = ()) -> dict[str, Any] | None:
        self._cursor.execute(self._native(statement), params)
        found = self._cursor.fetchone()
        return None if found is None else dict(found)

    def _native(self, statement: str) -> str:
        return statement if self._postgres else statement.replace("%s", "?")


class Database:
    """Where the view tables live: beside the events, so a batch of view rows and its tracking
    position commit together. Times are `timestamptz` on PostgreSQL and fixed-width UTC text
    on SQLite (text order is time order)."""

    def __init__(self, store: EventStore) -> None:
        recorder = store.recorder
        if isinstance(recorder, PostgresApplicationRecorder):
            self.postgres: PostgresDatastore | None = recorder.datastore
            self._sqlite: SQLiteDatastore | None = None
            self.schema = recorder.datastore.schema
        elif isinstance(recorder, SQLiteApplicationRecorder):
            self.postgres, self._sqlite, self.schema = None, recorder.datastore, ""
        else:
            msg = f"projections need a SQLite or PostgreSQL event store, not {type(recorder)}"
            raise TypeError(msg)
        self.time_type = "timestamptz" if self.postgres else "TEXT"

    def table(self, base: str, version: int | None = None) -> str:
        """The quoted (and, on PostgreSQL, schema-qualified) name of a table."""
        name = base if version is None else f"{base}_v{version}"
        return f'"{self.schema}"."{name}"' if self.postgres else f'"{name}"'

    @contextmanager
    def write(self) -> Iterator[Tx]:
        """A write transaction, committed when the block ends without an exception. On SQLite
        it takes the write lock at once (BEGIN IMMEDIATE), so reads inside it see the latest
        commit and cannot be invalidated by another writer."""
        if self.postgres is not None:
            with self.postgres.transaction(commit=True) as cursor:
                yield Tx(cursor, postgres=True)
            return
        assert self._sqlite is not None
        with self._sqlite.get_connection(commit=True) as connection:
            sqlite_cursor = connection.cursor()
            sqlite_cursor.execute("BEGIN IMMEDIATE")
            try:
                yield Tx(sqlite_cursor.sqlite_cursor, postgres=False)
            except BaseException:
                connection.rollback()
                raise
            connection.commit()

    @contextmanager
    def read(self) -> Iterator[Tx]:
        """A read-only transaction (one snapshot on SQLite; per statement on PostgreSQL)."""
        if self.postgres is not None:
            with self.postgres.transaction(commit=False) as cursor:
                yield Tx(cursor, postgres=True)
            return
        assert self._sqlite is not None
        with self._sqlite.transaction(commit=False) as reading:
            yield Tx(reading.sqlite_cursor, postgres=False)

    def time(self, at: datetime) -> object:
        return at if self.postgres else utc_text(at)

    def read_time(self, value: Any) -> datetime:
        return value if isinstance(value, datetime) else datetime.fromisoformat(value)
