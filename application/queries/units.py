"""Queries on units: one unit, the tree a caller may see, and the contacts of a subtree."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from uuid import UUID

from application.authorization import Action, Authorizer, Caller, Target
from application.read_ports import ReadModels, StoredChange, UnitRecord, UnitTree
from domain.ids import unit_id
from domain.levels import UnitLevel
from domain.period_days import hierarchy_day
from domain.unit import Unit


@dataclass(frozen=True)
class UnitNode:
    """A unit of the tree and the units below it, by code."""

    unit: UnitRecord
    children: list[UnitNode]


class UnitQueries:
    """Units as callers read them: a grant over a unit's subtree reads it and all below."""

    def __init__(self, auth: Authorizer, models: ReadModels) -> None:
        self.auth = auth
        self.models = models

    def unit(self, caller: Caller, code: str) -> Unit:
        """The unit as it stands now (its ETag is its version)."""
        found = self.models.unit_aggregates().by_code(code)
        self.auth.actor(caller, Action.READ_UNITS, Target(f"unit:{code}", found.id))
        return found

    def with_history(self, caller: Caller, code: str) -> tuple[Unit, Sequence[StoredChange]]:
        """The unit now and every one of its events as stored, oldest first."""
        found = self.unit(caller, code)
        return found, self.models.log().history(found.id)

    def parent_code(self, unit: Unit) -> str | None:
        """The code of the unit's latest parent (a unit already read)."""
        return None if unit.parent_id is None else self.code_of(unit.parent_id)

    def code_of(self, unit_id: UUID) -> str:
        """The code of a unit the caller was already allowed to reach (a root of its grants)."""
        return self.models.unit_aggregates().by_id(unit_id).code

    def saved(self, unit_id: UUID, version: int) -> Unit:
        """The unit as a command the caller just ran left it (the command authorized it)."""
        return self.models.unit_aggregates().by_id(unit_id, version)

    def scored_under(
        self, caller: Caller, action: Action, under: str, level: UnitLevel, period: str
    ) -> list[UnitRecord]:
        """The open units at `level` in the subtree of `under` as it stood on the period's
        last day (the unit itself if it is at that level), by code: the units a round of
        the period opens, if the caller may take `action` over `under` then."""
        root, day = unit_id(under), hierarchy_day(period)
        self.auth.actor(caller, action, Target(f"unit:{under}", root, day))
        members = self.models.units().subtree(root, day)
        found = [u for u in self.rows(members).values() if u.level == level and not u.closed]
        return sorted(found, key=lambda u: u.code)

    def row(self, unit_id: UUID) -> UnitRecord | None:
        """A unit's row in the read model, beside a unit (or history) the caller read."""
        return self.models.units().unit(unit_id)

    def rows(self, unit_ids: Iterable[UUID]) -> dict[UUID, UnitRecord]:
        """The rows of units beside sheets (or history) the caller read, by id (the view
        brought up to the log once)."""
        tree = self.models.units()
        return {u: row for u in set(unit_ids) if (row := tree.unit(u)) is not None}

    def row_by_code(self, code: str) -> UnitRecord | None:
        """A unit's row by its code, as a form names it (a command then authorizes the use)."""
        return self.row(unit_id(code))

    def below(self, own: Iterable[UUID]) -> frozenset[UUID]:
        """The units strictly below the caller's own units (those its grants are over)."""
        tree, roots = self.models.units(), frozenset(own)
        return frozenset().union(*(tree.subtree(root) for root in roots)) - roots

    def tree(self, caller: Caller) -> list[UnitNode]:
        """The subtrees the caller may read, each root with every unit below it."""
        roots = self.auth.roots(caller, Action.READ_UNITS, "units")
        return self.forest([g.unit_id for g in roots])

    def forest(self, roots: Sequence[UUID]) -> list[UnitNode]:
        """The subtrees of units a reach check granted the caller, each root with every unit
        below it, by code."""
        tree = self.models.units()
        nodes = [_node(tree, tree.children(), root) for root in roots]
        return sorted((n for n in nodes if n is not None), key=lambda n: n.unit.code)

    def contacts(self, caller: Caller, code: str) -> list[UnitRecord]:
        """The unit and every unit below it, breadth first (附件2 联系人)."""
        start = self.unit(caller, code)
        tree = self.models.units()
        children = tree.children()
        found, todo = [], [start.id]
        while todo:
            uid = todo.pop(0)
            row = tree.unit(uid)
            if row is not None:
                found.append(row)
            todo += sorted(children.get(uid, []), key=str)
        return found


def _node(tree: UnitTree, children: Mapping[UUID, Sequence[UUID]], at: UUID) -> UnitNode | None:
    row = tree.unit(at)
    if row is None:
        return None
    below = [n for c in children.get(at, []) if (n := _node(tree, children, c)) is not None]
    return UnitNode(row, sorted(below, key=lambda n: n.unit.code))
