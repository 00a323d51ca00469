"""The unit hierarchy as it stood on one day: which units exist and who is whose parent."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from uuid import UUID

from domain.rubric import UnitLevel
from projections.units import UnitRow, UnitsReader


@dataclass(frozen=True)
class Hierarchy:
    """Units as they stood on `day` (name, contact, closed) under the parents in force then.
    Tables for a period read the hierarchy on the period's last day, so a station moved
    later still rolls up to its old town for earlier periods, and a later name is not
    shown. A unit registered after the day is kept as it was registered (a sheet of the
    period may still name it), but did not exist on the day (`existed`)."""

    day: date
    units: Mapping[UUID, UnitRow]
    parents: Mapping[UUID, UUID | None]

    def unit(self, unit_id: UUID) -> UnitRow | None:
        return self.units.get(unit_id)

    def existed(self, unit_id: UUID) -> bool:
        """Whether the unit was registered on or before the day (unknown days count)."""
        found = self.units.get(unit_id)
        return found is not None and found.registered_on <= self.day.isoformat()

    def name(self, unit_id: UUID) -> str:
        """The unit's name, or its id when the units view does not know it."""
        found = self.units.get(unit_id)
        return found.name if found else str(unit_id)

    @cached_property
    def _children(self) -> dict[UUID, tuple[UUID, ...]]:
        found: dict[UUID, list[UUID]] = {}
        for child, parent in self.parents.items():
            if parent is not None:
                found.setdefault(parent, []).append(child)
        return {p: tuple(sorted(c, key=self._code)) for p, c in found.items()}

    def children(self, unit_id: UUID) -> tuple[UUID, ...]:
        """The unit's children on the day, by code."""
        return self._children.get(unit_id, ())

    def subtree(self, root: UUID) -> frozenset[UUID]:
        """The unit and every unit below it on the day."""
        found, todo = {root}, [root]
        while todo:
            for child in self.children(todo.pop()):
                if child not in found:
                    found.add(child)
                    todo.append(child)
        return frozenset(found)

    def lineage(self, unit_id: UUID) -> tuple[UUID, ...]:
        """The unit and its ancestors, nearest first (a cycle in bad data stops the walk)."""
        chain = [unit_id]
        parent = self.parents.get(unit_id)
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = self.parents.get(parent)
        return tuple(chain)

    def sort_key(self, unit_id: UUID) -> tuple[str, ...]:
        """Codes from the top down to the unit: sorting by it lists units in tree order."""
        return tuple(self._code(u) for u in reversed(self.lineage(unit_id)))

    def county_of(self, unit_id: UUID) -> UnitRow | None:
        """The county-level unit (县/区/旗) the unit is or lies in, on the day."""
        for uid in self.lineage(unit_id):
            found = self.units.get(uid)
            if found is not None and found.level == UnitLevel.COUNTY.value:
                return found
        return None

    def _code(self, unit_id: UUID) -> str:
        found = self.units.get(unit_id)
        return found.code if found else str(unit_id)


def hierarchy_on(reader: UnitsReader, day: date) -> Hierarchy:
    """Read the hierarchy in force on a day, and the units as they stood then, from the
    units view."""
    parents = reader.parents_on(day.isoformat())
    units = {row.unit_id: row for row in reader.units_on(day.isoformat()) if row.unit_id in parents}
    return Hierarchy(day, units, parents)
