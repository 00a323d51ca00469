"""Projections that stopped at an event: which event, why, and how often it was retried."""

from __future__ import annotations

from dataclasses import dataclass

from eventsourcing.persistence import Notification

from infra.projections.database import Database, Tx

CREATE_FAILURES = (
    "CREATE TABLE IF NOT EXISTS {failures} (name TEXT NOT NULL, version INTEGER NOT NULL, "
    "position BIGINT NOT NULL, aggregate_id TEXT NOT NULL, aggregate_version INTEGER NOT NULL, "
    "topic TEXT NOT NULL, error TEXT NOT NULL, attempts INTEGER NOT NULL, "
    "PRIMARY KEY (name, version))"
)
ERROR_LIMIT = 1000
"""Characters of an error message kept: enough to name the cause."""


@dataclass(frozen=True)
class Failure:
    """The event a projection version stopped at (its log position, aggregate, version and
    topic) and the error applying it raised. The version stays just before that event."""

    position: int
    aggregate_id: str
    aggregate_version: int
    topic: str
    error: str
    attempts: int = 1

    @classmethod
    def of(cls, notification: Notification, error: BaseException) -> Failure:
        message = f"{type(error).__name__}: {error}".replace("\x00", "\u2400")
        return cls(
            notification.id,
            str(notification.originator_id),
            notification.originator_version,
            notification.topic,
            message[:ERROR_LIMIT],
        )

    def to_json(self) -> dict[str, object]:
        return {
            "position": self.position,
            "aggregate_id": self.aggregate_id,
            "aggregate_version": self.aggregate_version,
            "topic": self.topic,
            "error": self.error,
            "attempts": self.attempts,
        }


class Failures:
    """`projection_failures(name, version, position, …)`: at most one row per version, removed
    when the version moves past the event."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.table = db.table("projection_failures")

    def create(self, tx: Tx) -> None:
        tx.run(CREATE_FAILURES.format(failures=self.table))

    def record(self, name: str, version: int, failure: Failure) -> Failure:
        """Store the failure (counting attempts at the same event); the failure as stored."""
        with self.db.write() as tx:
            found = self.of(tx, name, version)
            attempts = (
                1 if found is None or found.position != failure.position else found.attempts + 1
            )
            tx.run(f"DELETE FROM {self.table} WHERE name = %s AND version = %s", [name, version])
            f = Failure(
                *(failure.position, failure.aggregate_id, failure.aggregate_version),
                *(failure.topic, failure.error, attempts),
            )
            tx.run(
                f"INSERT INTO {self.table} VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
                [name, version, *f.to_json().values()],
            )
            return f

    def clear(self, tx: Tx, name: str, version: int, position: int) -> None:
        """The version reached `position`: failures at or before it are over."""
        tx.run(
            f"DELETE FROM {self.table} WHERE name = %s AND version = %s AND position <= %s",
            [name, version, position],
        )

    def of(self, tx: Tx, name: str, version: int) -> Failure | None:
        row = tx.row(
            f"SELECT position, aggregate_id, aggregate_version, topic, error, attempts "
            f"FROM {self.table} WHERE name = %s AND version = %s",
            [name, version],
        )
        return None if row is None else Failure(**row)
