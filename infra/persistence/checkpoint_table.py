"""The signed checkpoints kept beside the events (one row per tree size, never changed)."""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass
from typing import Any

from eventsourcing.persistence import ApplicationRecorder

from domain.merkle_frontier import Frontier
from infra.persistence.postgres_recorder import KaohePostgresRecorder
from infra.read_session import shared_cursor

COLUMNS = "tree_size, log_position, note, frontier"


@dataclass(frozen=True)
class CheckpointRow:
    """A signed checkpoint note, the notification id of its last leaf, and the tree's right
    edge there (so the next checkpoint hashes only the events added since)."""

    tree_size: int
    log_position: int
    note: str
    frontier: Frontier


_MADE: weakref.WeakSet[ApplicationRecorder] = weakref.WeakSet()
"""Stores whose table is made: a stamped table reads it on every request, and making it is
a write transaction."""


class CheckpointTable:
    """`ledger_checkpoints` on SQLite, `<app>_ledger_checkpoints` in the store's schema on
    PostgreSQL; made on first use."""

    def __init__(self, recorder: ApplicationRecorder) -> None:
        self.recorder: Any = recorder
        self.postgres = isinstance(recorder, KaohePostgresRecorder)
        if isinstance(recorder, KaohePostgresRecorder):
            prefix = recorder.events_table_name.removesuffix("_events")
            self.table = f'"{recorder.datastore.schema}"."{prefix}_ledger_checkpoints"'
        else:
            self.table = "ledger_checkpoints"
        if recorder in _MADE:
            return
        big = "bigint" if self.postgres else "INTEGER"
        self._execute(
            f"CREATE TABLE IF NOT EXISTS {self.table} (tree_size {big} PRIMARY KEY, "
            f"log_position {big} NOT NULL, note text NOT NULL, frontier text NOT NULL)"
        )
        _MADE.add(recorder)

    def insert(self, row: CheckpointRow) -> None:
        """Store a checkpoint; one of the same size already stored is kept as it is."""
        frontier = json.dumps(row.frontier.to_json())
        self._execute(
            f"INSERT INTO {self.table} ({COLUMNS}) VALUES (%s, %s, %s, %s) "
            "ON CONFLICT (tree_size) DO NOTHING",
            row.tree_size,
            row.log_position,
            row.note,
            frontier,
        )

    def latest(self) -> CheckpointRow | None:
        rows = self._query(f"SELECT {COLUMNS} FROM {self.table} ORDER BY tree_size DESC LIMIT 1")
        return rows[0] if rows else None

    def covering(self, position: int) -> CheckpointRow | None:
        """The first checkpoint whose tree holds every event up to `position`."""
        rows = self._query(
            f"SELECT {COLUMNS} FROM {self.table} WHERE log_position >= %s "
            "ORDER BY tree_size LIMIT 1",
            position,
        )
        return rows[0] if rows else None

    def _query(self, statement: str, *params: object) -> list[CheckpointRow]:
        shared = shared_cursor(self.recorder.datastore)
        with shared or self.recorder.datastore.transaction(commit=False) as cursor:
            cursor.execute(self._native(statement), params)
            fetched = cursor.fetchall()
        rows = [tuple(row.values()) if self.postgres else tuple(row) for row in fetched]
        return [
            CheckpointRow(int(r[0]), int(r[1]), str(r[2]), Frontier.from_json(json.loads(r[3])))
            for r in rows
        ]

    def _execute(self, statement: str, *params: object) -> None:
        with self.recorder.datastore.transaction(commit=True) as cursor:
            cursor.execute(self._native(statement), params)

    def _native(self, statement: str) -> str:
        return statement if self.postgres else statement.replace("%s", "?")
