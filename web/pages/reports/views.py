"""Tables as the pages show them: each cell as text (exactly as the CSV writes it), numbers
marked for right alignment, and the overdue rows of a task tracker marked."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from infra.export.text import csv_cell
from projections.tables import Cell, Table

OVERDUE_COLUMN, OVERDUE = "是否逾期", "是"


COMPACT = 12
"""Cells this short (dates, names, codes) are kept on one line."""


@dataclass(frozen=True)
class CellView:
    text: str
    numeric: bool

    @property
    def compact(self) -> bool:
        return len(self.text) <= COMPACT


@dataclass(frozen=True)
class RowView:
    cells: tuple[CellView, ...]
    overdue: bool


@dataclass(frozen=True)
class TableView:
    """A table with its rows ready to render; `number` tells its section apart on a page."""

    number: int
    table: Table
    rows: tuple[RowView, ...]

    @property
    def overdue_count(self) -> int:
        return sum(row.overdue for row in self.rows)

    @property
    def tracks_deadlines(self) -> bool:
        return OVERDUE_COLUMN in self.table.columns


def table_view(number: int, table: Table) -> TableView:
    late = table.columns.index(OVERDUE_COLUMN) if OVERDUE_COLUMN in table.columns else None
    rows = tuple(
        RowView(
            tuple(cell_view(cell) for cell in row),
            late is not None and row[late] == OVERDUE,
        )
        for row in table.rows
    )
    return TableView(number, table, rows)


def cell_view(cell: Cell) -> CellView:
    numeric = isinstance(cell, int | Decimal) and not isinstance(cell, bool)
    return CellView(csv_cell(cell), numeric)
