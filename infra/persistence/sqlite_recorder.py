"""The SQLite event recorder with the timestamp index and credentials in the same transaction."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor

from infra.persistence.event_index import (
    IndexedVersions,
    event_timestamps,
    index_rows,
    require_aware,
    sorted_credentials,
)
from infra.read_session import log_written

CREATE_TABLES = (
    "CREATE TABLE IF NOT EXISTS event_times ("
    "notification_id INTEGER PRIMARY KEY, "
    "originator_id TEXT NOT NULL, "
    "originator_version INTEGER NOT NULL, "
    "timestamp TEXT NOT NULL)",
    "CREATE INDEX IF NOT EXISTS event_times_originator_timestamp "
    "ON event_times (originator_id, timestamp)",
    "CREATE INDEX IF NOT EXISTS event_times_timestamp ON event_times (timestamp)",
    "CREATE TABLE IF NOT EXISTS credentials ("
    "account_id TEXT PRIMARY KEY, password_hash TEXT NOT NULL)",
)
INSERT_TIME = "INSERT INTO event_times VALUES (?, ?, ?, ?)"
UPSERT_CREDENTIAL = (
    "INSERT INTO credentials (account_id, password_hash) VALUES (?, ?) "
    "ON CONFLICT (account_id) DO UPDATE SET password_hash = excluded.password_hash"
)


def utc_text(at: datetime) -> str:
    """Fixed-width UTC ISO text ('2024-05-01T02:03:04.000005+00:00'): text order is time order."""
    return require_aware(at).astimezone(UTC).isoformat(timespec="microseconds")


class KaoheSQLiteRecorder(SQLiteApplicationRecorder):
    """Stored events plus `event_times` (one row per save of an aggregate, keyed by the
    notification id of its last event)
    and `credentials`, all written in the transaction that inserts the events.

    Ids are stored as 32-digit hex, like the events table, so the tables join."""

    event_times_table = "event_times"
    credentials_table = "credentials"

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), *CREATE_TABLES]

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        timestamps = event_timestamps(stored_events, kwargs)
        credentials = sorted_credentials(kwargs)
        notification_ids = super()._insert_events(c, stored_events, **kwargs) or []
        c.executemany(
            INSERT_TIME,
            [
                (nid, self._key(aid), version, utc_text(at))
                for nid, aid, version, at in index_rows(stored_events, timestamps, notification_ids)
            ],
        )
        c.executemany(UPSERT_CREDENTIAL, [(self._key(a), h) for a, h in credentials])
        log_written(notification_ids)
        return notification_ids

    def version_at(self, originator_id: UUID, at: datetime) -> int | None:
        """The aggregate's highest version stamped at or before `at`."""
        version: int | None = self._scalar(
            "SELECT MAX(originator_version) FROM event_times "
            "WHERE originator_id = ? AND timestamp <= ?",
            (self._key(originator_id), utc_text(at)),
        )
        return version

    def position_at(self, at: datetime) -> int | None:
        """The highest notification id stamped at or before `at`."""
        position: int | None = self._scalar(
            "SELECT MAX(notification_id) FROM event_times WHERE timestamp <= ?", (utc_text(at),)
        )
        return position

    def position_of(self, originator_id: UUID, version: int) -> int | None:
        """The notification id of one event (None: not stored)."""
        position: int | None = self._scalar(
            "SELECT rowid FROM stored_events WHERE originator_id = ? AND originator_version = ?",
            (self._key(originator_id), version),
        )
        return position

    def credential(self, account_id: UUID) -> str | None:
        row = self._scalar(
            "SELECT password_hash FROM credentials WHERE account_id = ?", (self._key(account_id),)
        )
        return None if row is None else str(row)

    def max_position(self) -> int:
        return self.max_notification_id() or 0

    def index_position(self) -> int:
        return self._scalar("SELECT MAX(notification_id) FROM event_times", ()) or 0

    def indexed_versions(self, upto: int) -> dict[UUID, IndexedVersions]:
        with self.datastore.transaction(commit=False) as c:
            c.execute(
                "SELECT originator_id, MAX(originator_version), COUNT(*) FROM event_times "
                "WHERE notification_id <= ? GROUP BY originator_id",
                (upto,),
            )
            return {UUID(row[0]): IndexedVersions(row[1], row[2]) for row in c.fetchall()}

    def _scalar(self, statement: str, params: tuple[object, ...]) -> Any:
        with self.datastore.transaction(commit=False) as c:
            c.execute(statement, params)
            row = c.fetchone()
            return None if row is None else row[0]

    @staticmethod
    def _key(originator_id: UUID | str) -> str:
        return originator_id.hex if isinstance(originator_id, UUID) else originator_id
