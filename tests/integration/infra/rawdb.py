"""Direct SQL on the event store's tables, as a regulator (or a tamperer) would use it."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from application.store import EventStore
from infra.persistence.postgres_recorder import KaohePostgresRecorder
from infra.persistence.sqlite_recorder import KaoheSQLiteRecorder

EVENT = "WHERE originator_id = %s AND originator_version = %s"


class RawDb:
    """SQL is written with %s placeholders and {events}/{times}/{credentials} table names."""

    def __init__(self, store: EventStore) -> None:
        recorder = store.recorder
        assert isinstance(recorder, KaohePostgresRecorder | KaoheSQLiteRecorder)
        self.recorder = recorder
        self.postgres = isinstance(recorder, KaohePostgresRecorder)
        schema = f"{recorder.datastore.schema}." if self.postgres else ""
        self.tables = {
            "events": schema + recorder.events_table_name,
            "times": recorder.event_times_table,
            "credentials": recorder.credentials_table,
        }

    def query(self, statement: str, *params: object) -> list[dict[str, Any]]:
        with self.recorder.datastore.transaction(commit=False) as cursor:
            cursor.execute(self._native(statement), params)
            return [dict(row) for row in cursor.fetchall()]

    def execute(self, statement: str, *params: object) -> None:
        with self.recorder.datastore.transaction(commit=True) as cursor:
            cursor.execute(self._native(statement), params)

    def key(self, aggregate_id: UUID) -> object:
        """An aggregate id as the events table stores it (uuid, or hex text on SQLite)."""
        return aggregate_id if self.postgres else aggregate_id.hex

    def times(self) -> list[tuple[int, UUID, int]]:
        rows = self.query(
            "SELECT notification_id, originator_id, originator_version FROM {times} "
            "ORDER BY notification_id"
        )
        return [
            (r["notification_id"], UUID(str(r["originator_id"])), r["originator_version"])
            for r in rows
        ]

    def count(self, table: str) -> int:
        return int(self.query(f"SELECT COUNT(*) AS n FROM {{{table}}}")[0]["n"])

    def state(self, aggregate_id: UUID, version: int) -> dict[str, Any]:
        """The stored payload of one event, parsed as plain JSON."""
        rows = self.query(f"SELECT state FROM {{events}} {EVENT}", self.key(aggregate_id), version)
        parsed: dict[str, Any] = json.loads(bytes(rows[0]["state"]))
        return parsed

    def payload_field(self, aggregate_id: UUID, version: int, name: str) -> object:
        """One payload field read inside the database, the way a regulator would query it."""
        if self.postgres:
            field = "convert_from(state, 'UTF8')::jsonb ->> %s"
        else:
            field = "json_extract(CAST(state AS TEXT), '$.' || %s)"
        rows = self.query(
            f"SELECT {field} AS value FROM {{events}} {EVENT}",
            name,
            self.key(aggregate_id),
            version,
        )
        return rows[0]["value"]

    def set_state(self, aggregate_id: UUID, version: int, state: dict[str, Any]) -> None:
        """Overwrite one stored payload with valid JSON (the tampering the ledger must find)."""
        raw = json.dumps(state, separators=(",", ":"), ensure_ascii=False).encode()
        self.execute(
            f"UPDATE {{events}} SET state = %s {EVENT}", raw, self.key(aggregate_id), version
        )

    def delete_event(self, aggregate_id: UUID, version: int) -> None:
        self.execute(f"DELETE FROM {{events}} {EVENT}", self.key(aggregate_id), version)

    def insert_event(
        self, aggregate_id: UUID, version: int, topic: str, state: dict[str, Any]
    ) -> None:
        """Append a row behind the event store's back (no timestamp-index row)."""
        raw = json.dumps(state, separators=(",", ":"), ensure_ascii=False).encode()
        self.execute(
            "INSERT INTO {events} (originator_id, originator_version, topic, state) "
            "VALUES (%s, %s, %s, %s)",
            self.key(aggregate_id),
            version,
            topic,
            raw,
        )

    def _native(self, statement: str) -> str:
        statement = statement.format(**self.tables)
        return statement if self.postgres else statement.replace("%s", "?")
