"""The PostgreSQL event recorder with the timestamp index and credentials beside the events."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.postgres import PostgresApplicationRecorder, PostgresDatastore
from psycopg import Cursor
from psycopg.rows import DictRow
from psycopg.sql import SQL, Composed, Identifier

from infra.persistence.event_index import (
    IndexedVersions,
    event_timestamps,
    index_rows,
    require_aware,
    sorted_credentials,
)
from infra.persistence.reachability import CONNECT_TIMEOUT
from infra.projections.advisory import lock_key
from infra.read_session import log_written

CREATE_TABLES = (
    "CREATE TABLE IF NOT EXISTS {schema}.{times} ("
    "notification_id bigint PRIMARY KEY, "
    "originator_id {id_type} NOT NULL, "
    "originator_version bigint NOT NULL, "
    '"timestamp" timestamptz NOT NULL)',
    "CREATE INDEX IF NOT EXISTS {times_by_originator} "
    'ON {schema}.{times} (originator_id, "timestamp")',
    'CREATE INDEX IF NOT EXISTS {times_by_time} ON {schema}.{times} ("timestamp", notification_id)',
    "CREATE TABLE IF NOT EXISTS {schema}.{credentials} ("
    "account_id {id_type} PRIMARY KEY, password_hash text NOT NULL)",
)
INSERT_TIME = "INSERT INTO {schema}.{times} VALUES (%s, %s, %s, %s)"
UPSERT_CREDENTIAL = (
    "INSERT INTO {schema}.{credentials} (account_id, password_hash) VALUES (%s, %s) "
    "ON CONFLICT (account_id) DO UPDATE SET password_hash = excluded.password_hash"
)
VERSION_AT = (
    "SELECT MAX(originator_version) AS value FROM {schema}.{times} "
    'WHERE originator_id = %s AND "timestamp" <= %s'
)
POSITION_AT = (
    # The highest id stamped at or before the moment. Ids follow commit order and stamps the
    # clock at each command's start, so the two differ by no more than a transaction takes:
    # searching the minute before the last stamp at or before the moment finds it through the
    # timestamp index, where a plain MAX walks back from the newest event.
    "SELECT MAX(notification_id) AS value FROM ("
    "SELECT notification_id FROM {schema}.{times} "
    'WHERE "timestamp" <= %(at)s AND "timestamp" >= ('
    'SELECT "timestamp" FROM {schema}.{times} WHERE "timestamp" <= %(at)s '
    "ORDER BY \"timestamp\" DESC LIMIT 1) - INTERVAL '1 minute' "
    'ORDER BY "timestamp" DESC) AS recent'
)
POSITION_OF = (
    "SELECT notification_id AS value FROM {schema}.{events} "
    "WHERE originator_id = %s AND originator_version = %s"
)
NOT_OWNER = (
    "SELECT NOT pg_has_role(current_user, relowner, 'USAGE') AS value FROM pg_class "
    "WHERE oid = to_regclass(quote_ident(%(schema)s) || '.' || quote_ident(%(events)s))"
)
CREDENTIAL = "SELECT password_hash AS value FROM {schema}.{credentials} WHERE account_id = %s"
INDEX_POSITION = "SELECT MAX(notification_id) AS value FROM {schema}.{times}"
INDEXED_VERSIONS = (
    "SELECT originator_id, MAX(originator_version) AS last, COUNT(*) AS rows "
    "FROM {schema}.{times} WHERE notification_id <= %s GROUP BY originator_id"
)


def application_name(schema: str) -> str:
    """How the connections of the store in `schema` appear in pg_stat_activity."""
    return f"kaohe:{schema}"


def _name_connections(datastore: PostgresDatastore) -> None:
    """Give the pool's connections the store's application_name, before the pool opens (a
    pool already open is emptied once it is full, so no connection keeps no name)."""
    pool, kwargs = datastore.pool, datastore.pool.kwargs
    if not isinstance(kwargs, dict) or "application_name" in kwargs:
        return
    kwargs["application_name"] = application_name(datastore.schema)
    if not pool.closed:
        pool.wait(CONNECT_TIMEOUT)
        pool.drain()


class KaohePostgresRecorder(PostgresApplicationRecorder):
    """Stored events plus `<app>_event_times` (one row per event, keyed by its notification
    id) and `<app>_credentials`, written in the transaction that inserts the events.

    Credentials are upserted before the library's table lock, so a save without events
    still writes them (as on SQLite); index rows are written after the insert, under the
    lock, once the notification ids are known. The library's insert path is kept as is."""

    def __init__(self, datastore: PostgresDatastore, *, events_table_name: str = "stored_events"):
        _name_connections(datastore)
        super().__init__(datastore, events_table_name=events_table_name)
        prefix = events_table_name.removesuffix("_events")
        names = {
            "times": f"{prefix}_event_times",
            "times_by_originator": f"{prefix}_event_times_originator_idx",
            "times_by_time": f"{prefix}_event_times_timestamp_idx",
            "credentials": f"{prefix}_credentials",
        }
        for name in names.values():
            self.check_identifier_length(name)
        self._identifiers = {
            "schema": Identifier(self.datastore.schema),
            "id_type": Identifier(self.datastore.originator_id_type),
            "events": Identifier(events_table_name),
            **{key: Identifier(name) for key, name in names.items()},
        }
        self.event_times_table = f"{self.datastore.schema}.{names['times']}"
        self.credentials_table = f"{self.datastore.schema}.{names['credentials']}"
        self.sql_create_statements.extend(self._sql(s) for s in CREATE_TABLES)

    def _create_table(self, curs: Cursor[DictRow]) -> None:
        # Processes starting together (gunicorn workers, projection workers) all create the
        # tables: concurrent CREATE … IF NOT EXISTS can fail ("tuple concurrently updated"),
        # so they take turns under the schema's DDL lock.
        curs.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key(self.datastore.schema, "ddl"),))
        # A role that does not own the events table (the application's role once the store
        # is hardened: `kaohe db harden`) cannot create indexes on it, not even IF NOT EXISTS,
        # so it leaves the ledger's tables to their owner, who made them.
        curs.execute(
            self._sql(NOT_OWNER),
            {"schema": self.datastore.schema, "events": self.events_table_name},
        )
        row = curs.fetchone()
        if row is not None and row["value"]:
            return
        super()._create_table(curs)

    def _insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        # Runs first in the library's transaction: check the kwargs before anything is
        # inserted, because an error raised after the insert would not roll it back.
        event_timestamps(stored_events, kwargs)
        credentials = sorted_credentials(kwargs)
        if credentials:
            curs.executemany(self._sql(UPSERT_CREDENTIAL), credentials)

    def _fetch_ids_after_insert_events(
        self, curs: Cursor[DictRow], stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        notification_ids = super()._fetch_ids_after_insert_events(curs, stored_events, **kwargs)
        # The kwargs were checked in _insert_events and the library returns one id per
        # event, so nothing here can raise (an exception here would not roll back).
        timestamps = event_timestamps(stored_events, kwargs)
        rows = index_rows(stored_events, timestamps, notification_ids or [])
        curs.executemany(self._sql(INSERT_TIME), rows)
        log_written(notification_ids or [])
        return notification_ids

    def version_at(self, originator_id: UUID, at: datetime) -> int | None:
        """The aggregate's highest version stamped at or before `at`."""
        value: int | None = self._value(VERSION_AT, (originator_id, require_aware(at)))
        return value

    def position_at(self, at: datetime) -> int | None:
        """The highest notification id stamped at or before `at`."""
        value: int | None = self._value(POSITION_AT, {"at": require_aware(at)})
        return value

    def position_of(self, originator_id: UUID, version: int) -> int | None:
        """The notification id of one event (None: not stored)."""
        value: int | None = self._value(POSITION_OF, (originator_id, version))
        return value

    def credential(self, account_id: UUID) -> str | None:
        value: str | None = self._value(CREDENTIAL, (account_id,))
        return value

    def max_position(self) -> int:
        return self.max_notification_id() or 0

    def index_position(self) -> int:
        value: int | None = self._value(INDEX_POSITION, ())
        return value or 0

    def indexed_versions(self, upto: int) -> dict[UUID, IndexedVersions]:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self._sql(INDEXED_VERSIONS), (upto,))
            return {
                UUID(str(row["originator_id"])): IndexedVersions(row["last"], row["rows"])
                for row in curs.fetchall()
            }

    def _value(self, template: str, params: tuple[object, ...] | dict[str, object]) -> Any:
        with self.datastore.get_connection() as conn, conn.cursor() as curs:
            curs.execute(self._sql(template), params)
            row = curs.fetchone()
            return None if row is None else row["value"]

    def _sql(self, template: str) -> Composed:
        return SQL(template).format(**self._identifiers)
