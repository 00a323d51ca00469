"""The unit hierarchy as the administration pages show it: rows of a tree, depth first."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.rubric import UnitLevel
from domain.unit import PARENT_LEVEL
from projections.tables.wording import LEVEL_WORDS
from projections.units import FOREVER, UnitRow, UnitsReader

CHILD_LEVEL: dict[UnitLevel, UnitLevel] = {parent: child for child, parent in PARENT_LEVEL.items()}
"""The level of a unit registered under a unit of each level (a village has none)."""


@dataclass(frozen=True)
class TreeRow:
    """A unit at its depth in the tree (0: a root the administrator manages)."""

    unit: UnitRow
    depth: int
    parent: UnitRow | None

    @property
    def level_words(self) -> str:
        return LEVEL_WORDS.get(self.unit.level, self.unit.level)


def tree_rows(reader: UnitsReader, roots: list[UUID]) -> list[TreeRow]:
    """The units under the given roots (the latest hierarchy), each under its parent, by code."""
    children: dict[UUID, list[UnitRow]] = {}
    for child, parent in reader.parents_on(FOREVER).items():
        row = reader.unit(child)
        if parent is not None and row is not None:
            children.setdefault(parent, []).append(row)
    found: list[TreeRow] = []

    def visit(row: UnitRow, depth: int, parent: UnitRow | None) -> None:
        found.append(TreeRow(row, depth, parent))
        for child in sorted(children.get(row.unit_id, []), key=lambda r: r.code):
            visit(child, depth + 1, row)

    top = [r for root in roots if (r := reader.unit(root)) is not None]
    for row in sorted(top, key=lambda r: r.code):
        visit(row, 0, reader.unit(row.parent_id) if row.parent_id else None)
    return found


def parents_for(rows: list[TreeRow], level: UnitLevel | None = None) -> list[UnitRow]:
    """Open units that may take children (of `level`, when given), in tree order."""
    return [
        r.unit
        for r in rows
        if not r.unit.closed
        and UnitLevel(r.unit.level) in CHILD_LEVEL
        and (level is None or r.unit.level == level.value)
    ]
