"""The stamp every table download carries: the log position and signed checkpoint it was
computed at, what was asked for, and a hash of its rows, so `verify-export` can recompute it."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from eventsourcing.persistence import ApplicationRecorder

from domain.checkpoint import Checkpoint
from domain.china_time import in_words
from infra.checkpoints import make_checkpoint
from infra.ledger_keys import SigningKey
from infra.persistence.checkpoint_table import CheckpointRow, CheckpointTable
from infra.projections.registry import Projections
from infra.signed_note import split_note
from projections.tables import Table

MARK = "技术信息 kaohe-stamp/v1 "
"""Starts the line that carries the stamp for machines (JSON after it)."""


@dataclass(frozen=True)
class Stamp:
    """Which table (`units`: the unit codes asked for; empty: the whole hierarchy) of which
    period, as of which moment and on which day; the log position it was computed at; the
    first signed checkpoint whose tree holds that position; the SHA-256 of its rows."""

    table: str
    units: tuple[str, ...]
    period: str | None
    as_of: str | None
    today: str
    position: int
    tree_size: int
    root_hash: str
    signed_at: str
    note: str
    rows_hash: str

    def lines(self) -> tuple[str, str]:
        """A line for people (in Chinese) and the line `verify-export` reads."""
        signed = in_words(datetime.fromisoformat(self.signed_at))
        person = (
            f"数据截至日志第 {self.position} 条；检查点 树大小 {self.tree_size}，"
            f"根哈希 {self.root_hash}，签名时间 {signed}；行哈希 {self.rows_hash}"
        )
        data = asdict(self) | {"units": list(self.units)}
        return person, MARK + json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def parse(cls, line: str) -> Stamp:
        try:
            data = json.loads(line.removeprefix(MARK))
            return cls(**(data | {"units": tuple(data["units"])}))
        except (ValueError, TypeError, KeyError) as error:
            raise ValueError(f"the stamp line cannot be read: {error}") from None

    def stamped(self, tables: Sequence[Table]) -> list[Table]:
        return [t.with_context(*self.lines()) for t in tables]


def normal(cell: object) -> str:
    """A cell as text the same whether read from the table, a CSV or an XLSX file (where a
    Decimal comes back as a float): numbers in plain decimal without trailing zeros, a rate
    as its number of percent (a CSV's "50.0%" as 50)."""
    if cell is None:
        return ""
    text = str(cell).removesuffix("%")
    try:
        number = Decimal(text)
    except InvalidOperation:
        return text
    return format(number.normalize(), "f") if number.is_finite() else text


Grid = list[tuple[list[str], list[list[str]]]]
"""Each table's header and rows as normal text."""


def grid(tables: Sequence[Table]) -> Grid:
    return [
        ([normal(c) for c in t.columns], [[normal(c) for c in row] for row in t.rows])
        for t in tables
    ]


def rows_hash(found: Grid) -> str:
    return hashlib.sha256(json.dumps(found, ensure_ascii=False).encode()).hexdigest()


@dataclass(frozen=True)
class Stamper:
    """Stamps tables computed at a log position with the first checkpoint that covers it,
    signing a new one when none does yet."""

    recorder: ApplicationRecorder
    key: Callable[[], SigningKey]
    now: Callable[[], datetime]

    def stamp(
        self,
        tables: Sequence[Table],
        table: str,
        units: Sequence[str],
        period: str | None,
        as_of: datetime | None,
        today: date,
        position: int,
    ) -> Stamp:
        row, checkpoint = self.covering(position)
        return Stamp(
            table,
            tuple(units),
            period,
            None if as_of is None else as_of.isoformat(),
            today.isoformat(),
            position,
            row.tree_size,
            checkpoint.root.hex(),
            checkpoint.time.isoformat(timespec="seconds"),
            row.note,
            rows_hash(grid(tables)),
        )

    def covering(self, position: int) -> tuple[CheckpointRow, Checkpoint]:
        """The first checkpoint that holds `position` (signed now if none does yet)."""
        row = CheckpointTable(self.recorder).covering(position)
        if row is None:
            row = make_checkpoint(self.recorder, self.key(), self.now())
        return row, Checkpoint.parse(split_note(row.note)[0])


def pinned_position(projections: Projections, as_of: datetime | None) -> int:
    """The log position a table is computed at: the last event by `as_of`, else the
    position every read model has applied (what a live reading shows)."""
    if as_of is not None:
        return projections.position_at(as_of)
    return min(status.position for status in projections.status())
