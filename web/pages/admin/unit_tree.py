"""The unit hierarchy as the administration pages show it: rows of a tree, depth first."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from application.queries.units import UnitNode
from application.read_ports import UnitRecord
from domain.rubric import UnitLevel
from domain.unit import PARENT_LEVEL
from projections.tables.wording import LEVEL_WORDS

CHILD_LEVEL: dict[UnitLevel, UnitLevel] = {parent: child for child, parent in PARENT_LEVEL.items()}
"""The level of a unit registered under a unit of each level (a village has none)."""


@dataclass(frozen=True)
class TreeRow:
    """A unit at its depth in the tree (0: a root the administrator manages)."""

    unit: UnitRecord
    depth: int
    parent: UnitRecord | None

    @property
    def level_words(self) -> str:
        return LEVEL_WORDS.get(self.unit.level, self.unit.level)


def tree_rows(nodes: list[UnitNode], row_of: Callable[[UUID], UnitRecord | None]) -> list[TreeRow]:
    """The units of the given subtrees (the latest hierarchy), each under its parent, by
    code; a root's own parent is looked up with `row_of`."""
    found: list[TreeRow] = []

    def visit(node: UnitNode, depth: int, parent: UnitRecord | None) -> None:
        found.append(TreeRow(node.unit, depth, parent))
        for child in node.children:
            visit(child, depth + 1, node.unit)

    for node in nodes:
        top = node.unit
        visit(node, 0, row_of(top.parent_id) if top.parent_id else None)
    return found


def parents_for(rows: list[TreeRow], level: UnitLevel | None = None) -> list[UnitRecord]:
    """Open units that may take children (of `level`, when given), in tree order."""
    return [
        r.unit
        for r in rows
        if not r.unit.closed
        and UnitLevel(r.unit.level) in CHILD_LEVEL
        and (level is None or r.unit.level == level.value)
    ]
