"""The units a table page offers: the subtrees the account may read tables of, each unit
indented under its parent as on the paper hierarchy."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from uuid import UUID

from application.authorization import Action
from projections.units import UnitRow
from web.context import projections, queries
from web.pages.base import page_caller

INDENT = "\u3000"


@dataclass(frozen=True)
class UnitOption:
    code: str
    label: str


def unit_options(name: str) -> list[UnitOption]:
    """Every unit under the account's reach for a table, depth first, ordered by code."""
    roots = queries().access.reach(page_caller(), Action.READ_TABLES, f"table:{name}")
    units = projections().units().all_units()
    children: dict[UUID | None, list[UnitRow]] = defaultdict(list)
    for unit in sorted(units, key=lambda u: u.code):
        children[unit.parent_id].append(unit)
    by_id = {u.unit_id: u for u in units}
    found: list[UnitOption] = []
    seen: set[UUID] = set()

    def walk(unit: UnitRow, depth: int) -> None:
        if unit.unit_id in seen:
            return
        seen.add(unit.unit_id)
        closed = "（已撤销）" if unit.closed else ""
        found.append(UnitOption(unit.code, f"{INDENT * depth}{unit.name}（{unit.code}）{closed}"))
        for child in children[unit.unit_id]:
            walk(child, depth + 1)

    for root in roots:
        if root in by_id:
            walk(by_id[root], 0)
    return found
