"""The event store's own database (one SQLite file or one PostgreSQL schema) for view tables."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from functools import lru_cache
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper, Notification, PersistenceError
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteDatastore
from psycopg.rows import tuple_row

from application.store import EventStore
from infra.persistence.sqlite_recorder import utc_text
from infra.read_session import ReadSession, reading, session_of, shared_cursor

CHUNK = 500
"""Aggregate ids per IN (…) list when reading their stored events."""
DB_ERRORS: tuple[type[Exception], ...] = (PersistenceError, sqlite3.Error)
"""What a failed statement raises: the library wraps psycopg errors, not raw sqlite3 ones."""


def id_text(value: UUID) -> str:
    """An id as stored in the views' TEXT columns. The same ids recur event after event, and
    formatting one costs more than looking it up (by its number: hashing a UUID is slow)."""
    return _id_text(value.int)


@lru_cache(maxsize=65_536)
def _id_text(number: int) -> str:
    return str(UUID(int=number))


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

    def copy(
        self, table: str, columns: str, types: Sequence[str], rows: Sequence[Sequence[object]]
    ) -> None:
        """Append rows to a table: a binary COPY on PostgreSQL, each column sent as its
        PostgreSQL type (`types`: exactly the table's), for tables being built, which no one
        else writes; plain INSERTs on SQLite."""
        if not rows:
            return
        if not self._postgres:
            marks = ", ".join(["?"] * len(rows[0]))
            self._cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)
            return
        with self._cursor.copy(f"COPY {table} ({columns}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(types)
            for row in rows:
                copy.write_row(row)

    def rows(self, statement: str, params: Sequence[object] = ()) -> list[dict[str, Any]]:
        self._cursor.execute(self._native(statement), params)
        return [dict(row) for row in self._cursor.fetchall()]

    def row(self, statement: str, params: Sequence[object] = ()) -> dict[str, Any] | None:
        self._cursor.execute(self._native(statement), params)
        found = self._cursor.fetchone()
        return None if found is None else dict(found)

    def _native(self, statement: str) -> str:
        return statement if self._postgres else statement.replace("%s", "?")


BULK_IDLE = "60s"
"""How long a rebuild's batch transaction may wait on this process between statements."""


class Database:
    """Where the view tables live: beside the events, so a batch of view rows and its tracking
    position commit together. Times are `timestamptz` on PostgreSQL and fixed-width UTC text
    on SQLite (text order is time order)."""

    def __init__(self, store: EventStore) -> None:
        recorder = store.recorder
        self.mapper: Mapper[Any] = store.mapper
        if isinstance(recorder, PostgresApplicationRecorder):
            self.postgres: PostgresDatastore | None = recorder.datastore
            self._sqlite: SQLiteDatastore | None = None
            self.schema = recorder.datastore.schema
            self._events = f'"{self.schema}"."{recorder.events_table_name}"'
            self._uuid_ids = recorder.datastore.originator_id_type == "uuid"
        elif isinstance(recorder, SQLiteApplicationRecorder):
            self.postgres, self._sqlite, self.schema = None, recorder.datastore, ""
            self._events = f'"{recorder.events_table_name}"'
            self._uuid_ids = False
        else:
            msg = f"projections need a SQLite or PostgreSQL event store, not {type(recorder)}"
            raise TypeError(msg)
        self.time_type = "timestamptz" if self.postgres else "TEXT"

    def table(self, base: str, version: int | None = None) -> str:
        """The quoted (and, on PostgreSQL, schema-qualified) name of a table."""
        name = base if version is None else f"{base}_v{version}"
        return f'"{self.schema}"."{name}"' if self.postgres else f'"{name}"'

    @contextmanager
    def write(self, durable: bool = True) -> Iterator[Tx]:
        """A write transaction, committed when the block ends without an exception. On SQLite
        it takes the write lock at once (BEGIN IMMEDIATE), so reads inside it see the latest
        commit and cannot be invalidated by another writer. Not `durable`: on PostgreSQL the
        commit does not wait for its log to reach the disk (after a crash the transaction may
        be lost as a whole, never in part): for work that is simply redone if lost, a
        rebuild's batch, which may also spend up to `BULK_IDLE` between two statements while
        this process folds thousands of events (the store's default ends a transaction idle
        for 5 seconds, which a busy machine can reach)."""
        if self.postgres is not None:
            with self.postgres.transaction(commit=True) as cursor:
                if not durable:
                    cursor.execute("SET LOCAL synchronous_commit = off")
                    cursor.execute(f"SET LOCAL idle_in_transaction_session_timeout = '{BULK_IDLE}'")
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
        """A read-only transaction (one snapshot on SQLite; per statement on PostgreSQL). In
        a read session on PostgreSQL, the session's connection, each statement on its own."""
        shared = shared_cursor(self.postgres)
        if shared is not None:
            with shared as cursor:
                yield Tx(cursor, postgres=True)
            return
        if self.postgres is not None:
            with self.postgres.transaction(commit=False) as cursor:
                yield Tx(cursor, postgres=True)
            return
        assert self._sqlite is not None
        with self._sqlite.transaction(commit=False) as reading:
            yield Tx(reading.sqlite_cursor, postgres=False)

    def reading(self) -> AbstractContextManager[ReadSession]:
        """Share the reads of these views until the block ends (a request's reads)."""
        if self.postgres is None:
            assert self._sqlite is not None
            return reading(self._sqlite, None)
        return reading(self.postgres, self.postgres.get_connection)

    def session(self) -> ReadSession | None:
        """The read session open over these views in this context, if any."""
        return session_of(self.postgres or self._sqlite)

    def notifications(self, after: int, limit: int) -> list[Notification] | None:
        """Up to `limit` notifications after a position, as `select_notifications` reads them
        (on PostgreSQL without building a dict per row); None on SQLite."""
        if self.postgres is None:
            return None
        statement = (
            "SELECT notification_id, originator_id, originator_version, topic, state "
            f"FROM {self._events} WHERE notification_id > %s ORDER BY notification_id LIMIT %s"
        )
        with (
            self.postgres.get_connection() as connection,
            connection.cursor(row_factory=tuple_row) as cursor,
        ):
            cursor.execute(statement, (after, limit), prepare=True)
            return [
                Notification(
                    id=i, originator_id=o, originator_version=v, topic=t, state=bytes(state)
                )
                for i, o, v, t, state in cursor.fetchall()
            ]

    def events_of(
        self, tx: Tx, originator_ids: Iterable[UUID], upto: int, after_version: int = 0
    ) -> list[Notification]:
        """The stored events of some aggregates, up to a log position (inclusive) and after a
        version, in version order per aggregate: read through the log's primary key."""
        found: list[Notification] = []
        position = self.position_column
        ids = sorted(originator_ids, key=lambda aid: aid.int)
        for start in range(0, len(ids), CHUNK):
            chunk = ids[start : start + CHUNK]
            rows = tx.rows(
                f"SELECT {position} AS notification_id, originator_id, originator_version, "
                f"topic, state FROM {self._events} WHERE originator_id IN "
                f"({', '.join(['%s'] * len(chunk))}) AND {position} <= %s "
                "AND originator_version > %s ORDER BY originator_id, originator_version",
                [*map(self._event_id, chunk), upto, after_version],
            )
            found.extend(
                Notification(
                    id=int(r["notification_id"]),
                    originator_id=UUID(str(r["originator_id"])),
                    originator_version=int(r["originator_version"]),
                    topic=r["topic"],
                    state=bytes(r["state"]),
                )
                for r in rows
            )
        return found

    def part_of(self, parts: int) -> str:
        """SQL for the part (0 to `parts` - 1) of the log an event's aggregate falls in, by
        its id alone (PostgreSQL): a parallel rebuild shares the aggregates out so."""
        if self._uuid_ids:
            return f"mod(get_byte(uuid_send(originator_id), 15), {int(parts)})"
        return f"abs(mod(hashtext(originator_id), {int(parts)}))"

    def event_id_of(self, column: str) -> str:
        """SQL turning a view's TEXT id column into the log's `originator_id`, to join them."""
        if self.postgres is None:
            return f"replace({column}, '-', '')"
        return f"CAST({column} AS uuid)" if self._uuid_ids else column

    @property
    def events_table(self) -> str:
        return self._events

    @property
    def position_column(self) -> str:
        """The log position's column in the events table."""
        return "notification_id" if self.postgres is not None else "rowid"

    def _event_id(self, aid: UUID) -> object:
        if self.postgres is None:
            return aid.hex
        return aid if self._uuid_ids else str(aid)

    def time(self, at: datetime) -> object:
        return at if self.postgres else utc_text(at)

    def read_time(self, value: Any) -> datetime:
        return value if isinstance(value, datetime) else datetime.fromisoformat(value)
