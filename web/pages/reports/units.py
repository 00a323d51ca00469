"""The units a table page offers: the subtrees the account may read tables of, each unit
indented under its parent as on the paper hierarchy."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.authorization import Action
from application.queries.units import UnitNode
from web.context import queries
from web.pages.base import page_caller

INDENT = "\u3000"


@dataclass(frozen=True)
class UnitOption:
    code: str
    label: str


def unit_options(name: str) -> list[UnitOption]:
    """Every unit under the account's reach for a table, depth first, ordered by code."""
    roots = queries().access.reach(page_caller(), Action.READ_TABLES, f"table:{name}")
    found: list[UnitOption] = []
    seen: set[UUID] = set()

    def walk(node: UnitNode, depth: int) -> None:
        unit = node.unit
        if unit.unit_id in seen:
            return
        seen.add(unit.unit_id)
        closed = "（已撤销）" if unit.closed else ""
        found.append(UnitOption(unit.code, f"{INDENT * depth}{unit.name}（{unit.code}）{closed}"))
        for child in node.children:
            walk(child, depth + 1)

    nodes = {n.unit.unit_id: n for n in queries().units.forest(roots)}
    for root in roots:
        if root in nodes:
            walk(nodes[root], 0)
    return found
