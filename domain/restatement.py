"""A restatement (更正): where a table as computed now differs from the table as handed up,
row by row (old → new). Rows are matched by their first column other than 序号, since the
numbering of the rows shifts when one is added or removed; 序号 itself is not compared."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from domain.hand_up import CellData, HandedTable

SERIAL = "序号"
"""The numbering column of a form."""


class RowKind(StrEnum):
    CHANGED = "changed"
    ADDED = "added"
    REMOVED = "removed"


@dataclass(frozen=True)
class CellChange:
    column: str
    old: CellData
    new: CellData


@dataclass(frozen=True)
class RowChange:
    """One row of one table that differs: its key (the station's name, …), whether it was
    changed, added since or removed since, and the cells that differ."""

    table: str
    key: str
    kind: RowKind
    cells: tuple[CellChange, ...]


def _keyed(table: HandedTable) -> dict[str, dict[str, CellData]]:
    named = [i for i, c in enumerate(table.columns) if c != SERIAL]
    key_at = named[0] if named else 0
    return {
        str(row[key_at]): {table.columns[i]: row[i] for i in named if i != key_at}
        for row in table.rows
    }


Cells = dict[str, CellData]


def _row(title: str, key: str, before: Cells | None, after: Cells | None) -> RowChange:
    kind = RowKind.CHANGED
    if before is None:
        kind = RowKind.ADDED
    elif after is None:
        kind = RowKind.REMOVED
    old, new = before or {}, after or {}
    columns = [*old, *(c for c in new if c not in old)]
    cells = tuple(
        CellChange(c, old.get(c), new.get(c)) for c in columns if old.get(c) != new.get(c)
    )
    return RowChange(title, key, kind, cells)


def _within(rows: dict[str, Cells], columns: frozenset[str] | None) -> dict[str, Cells]:
    """The rows with only the columns the table had when handed up (all: not handed up)."""
    if columns is None:
        return rows
    return {key: {c: v for c, v in cells.items() if c in columns} for key, cells in rows.items()}


def restatement(handed: Sequence[HandedTable], now: Sequence[HandedTable]) -> list[RowChange]:
    """Every row that differs between the tables handed up and the same tables now, in the
    order of the handed-up rows (rows added since last); tables are matched by title. A column
    a table gained since it was handed up (审核, say) changes none of its rows."""
    before = {t.title: _keyed(t) for t in handed}
    shown = {t.title: frozenset(t.columns) for t in handed}
    after = {t.title: _within(_keyed(t), shown.get(t.title)) for t in now}
    changes: list[RowChange] = []
    for title in [*before, *(t for t in after if t not in before)]:
        old_rows, new_rows = before.get(title, {}), after.get(title, {})
        for key in [*old_rows, *(k for k in new_rows if k not in old_rows)]:
            old, new = old_rows.get(key), new_rows.get(key)
            if old != new:
                changes.append(_row(title, key, old, new))
    return changes
