"""The table every read-model table builder returns, ready for printing or export."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

Cell = str | int | Decimal | None
"""One cell: text, a count, points (always Decimal) or nothing."""


@dataclass(frozen=True)
class Table:
    """A titled table: `context` lines print above the header (填报单位, 期间 …) and
    `footer` lines below the rows (signature lines of a form). Every row has one cell per
    column."""

    name: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    context: tuple[str, ...] = ()
    footer: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for index, row in enumerate(self.rows):
            if len(row) != len(self.columns):
                msg = (
                    f"table {self.name}: row {index + 1} has {len(row)} cells "
                    f"for {len(self.columns)} columns"
                )
                raise ValueError(msg)

    def with_context(self, *lines: str) -> Table:
        """The same table with more context lines (e.g. 数据截至 …) after its own."""
        return replace(self, context=(*self.context, *lines))

    def column(self, label: str) -> tuple[Cell, ...]:
        """Every cell of one column, by its header."""
        index = self.columns.index(label)
        return tuple(row[index] for row in self.rows)

    def to_json(self) -> dict[str, Any]:
        """Plain JSON data; points are written as decimal text so they stay exact."""
        return {
            "name": self.name,
            "title": self.title,
            "context": list(self.context),
            "columns": list(self.columns),
            "rows": [[cell_to_json(cell) for cell in row] for row in self.rows],
            "footer": list(self.footer),
        }


def cell_to_json(cell: Cell) -> str | int | None:
    return str(cell) if isinstance(cell, Decimal) else cell
