"""A table handed up (上报): what a unit sent to the level above for a period, kept as it was.

A town's quarterly acceptance table, a county's statistics table: the body that fills it
hands it up, and the receiving level later compares it with the same table computed now.
Each hand-up records the tables' rows, the SHA-256 of their canonical JSON, the log position
and signed checkpoint they were computed at, who and when. A later hand-up of the same table
and period is added beside the earlier ones, never in their place."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid5

from domain.audit import AuditedAggregate, Stamp
from domain.canonical import canonical_json
from domain.china_time import china_day
from domain.deadlines import Window
from domain.errors import DomainError, FieldError
from domain.ids import NAMESPACE
from domain.workflow import check_period

CellData = str | int | None
"""A handed-up cell as JSON keeps it (points as decimal text)."""


def hand_up_id(unit_id: UUID, table: str, period: str) -> UUID:
    """One record of hand-ups per unit, table and period."""
    return uuid5(NAMESPACE, f"hand-up:{unit_id}:{table}:{period}")


@dataclass(frozen=True)
class HandedTable:
    """One table as handed up: its title, header and rows (cells as JSON)."""

    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[CellData, ...], ...]

    def to_data(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "columns": list(self.columns),
            "rows": [list(row) for row in self.rows],
        }

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> HandedTable:
        rows = tuple(tuple(row) for row in data["rows"])
        return cls(str(data["title"]), tuple(data["columns"]), rows)


def rows_hash(tables: Sequence[HandedTable]) -> str:
    """SHA-256 of the canonical JSON of every table's rows, in order."""
    return hashlib.sha256(canonical_json([[list(r) for r in t.rows] for t in tables])).hexdigest()


@dataclass(frozen=True)
class Snapshot:
    """Tables as computed at one log position, and the first signed checkpoint holding it."""

    tables: tuple[HandedTable, ...]
    position: int
    tree_size: int
    root_hash: str


@dataclass(frozen=True)
class Handed:
    """One hand-up: the event's version, who, when, and what was handed up."""

    version: int
    at: datetime
    actor_id: str
    actor_role: str
    tables: tuple[HandedTable, ...]
    rows_hash: str
    position: int
    tree_size: int
    root_hash: str


class HandUp(AuditedAggregate):
    """The hand-ups of one unit's table for one period. Invariants: each hand-up holds at
    least one table, every row with one cell per column, and the hash of exactly those rows;
    hand-ups are only added, in the order they were made."""

    class Started(AuditedAggregate.Created):
        unit_id: UUID
        table: str
        period: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.unit_id = self.unit_id
            aggregate.table = self.table
            aggregate.period = self.period
            aggregate.hand_ups = []

    class HandedUp(AuditedAggregate.Event):
        tables: list[dict[str, Any]]
        rows_hash: str
        position: int
        tree_size: int
        root_hash: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            tables = tuple(HandedTable.from_data(t) for t in self.tables)
            aggregate.hand_ups.append(
                Handed(
                    version=self.originator_version,
                    at=self.timestamp,
                    actor_id=self.actor_id,
                    actor_role=self.actor_role,
                    tables=tables,
                    rows_hash=self.rows_hash,
                    position=self.position,
                    tree_size=self.tree_size,
                    root_hash=self.root_hash,
                )
            )

    unit_id: UUID
    table: str
    period: str
    hand_ups: list[Handed]

    def __init__(self) -> None:
        """State comes from the events' apply methods."""

    @classmethod
    def start(cls, stamp: Stamp, unit_id: UUID, table: str, period: str) -> HandUp:
        check_period(period)
        return cls._start(
            cls.Started,
            hand_up_id(unit_id, table, period),
            stamp,
            unit_id=unit_id,
            table=table,
            period=period,
        )

    def hand_up(self, stamp: Stamp, snapshot: Snapshot) -> None:
        """Record the tables as handed up now, with the hash of their rows."""
        if not any(table.rows for table in snapshot.tables):
            raise FieldError(
                "period",
                f"nothing to hand up: no {self.table} table for {self.period}",
                "该期间没有可上报的统计表（还没有评分表）",
            )
        for table in snapshot.tables:
            for number, row in enumerate(table.rows, start=1):
                if len(row) != len(table.columns):
                    msg = f"{table.title}: row {number} has {len(row)} cells"
                    raise DomainError(f"{msg} for {len(table.columns)} columns")
        self._emit(
            self.HandedUp,
            stamp,
            tables=[t.to_data() for t in snapshot.tables],
            rows_hash=rows_hash(snapshot.tables),
            position=snapshot.position,
            tree_size=snapshot.tree_size,
            root_hash=snapshot.root_hash,
        )

    @property
    def latest(self) -> Handed:
        return self.hand_ups[-1]


def hand_up_due(windows: Iterable[Window | None]) -> date | None:
    """The last day a table is on time: the earliest hand-up day the rubrics whose sheets it
    gathers declare for its period (None: none declares one)."""
    days = [w.hand_up for w in windows if w is not None]
    return min(days) if days else None


def on_time(handed: Handed, due: date | None) -> bool | None:
    """Whether a hand-up came by its due day, in China's time (None: nothing to judge by)."""
    return None if due is None else china_day(handed.at) <= due
