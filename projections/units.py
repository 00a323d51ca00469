"""The units read model: each unit's code, name, level and contact, and its parent history."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any, Protocol
from uuid import UUID

from domain.china_time import china_day
from domain.unit import Unit
from projections.processing import HandledProcessor

UNITS = "units"
FOREVER = "9999-12-31"
"""The day that stands for "now" when asking for parents: every move has taken effect."""


@dataclass(frozen=True)
class UnitRow:
    """A unit as it stands after its last event (`parent_id` is its latest parent), or, read
    as of a day, after its last event on or before that day. `registered_on` and `changed_on`
    are the days (in China) of its registration and of the event that made this row; empty
    when not known."""

    unit_id: UUID
    code: str
    name: str
    level: str
    parent_id: UUID | None
    contact: str
    phone: str
    closed: bool
    version: int
    position: int
    registered_on: str = ""
    changed_on: str = ""


@dataclass(frozen=True)
class ParentLink:
    """One entry of a unit's parent history: registration (effective '') or a move."""

    unit_id: UUID
    version: int
    effective_from: str
    parent_id: UUID | None
    position: int


class UnitsView(Protocol):
    """What the units processor writes (and reads back) in one batch."""

    def unit(self, unit_id: UUID) -> UnitRow | None: ...

    def put_unit(self, unit: UnitRow) -> None:
        """Insert or replace the unit's row."""
        ...

    def add_parent(self, link: ParentLink) -> None: ...


class UnitsReader(Protocol):
    """The read side of the units view."""

    def unit(self, unit_id: UUID) -> UnitRow | None: ...

    def unit_by_code(self, code: str) -> UnitRow | None: ...

    def all_units(self) -> list[UnitRow]:
        """Every unit, by code."""
        ...

    def parents_on(self, day: str) -> dict[UUID, UUID | None]:
        """Every unit's parent in force on a day (ISO date; FOREVER for the latest)."""
        ...

    def units_on(self, day: str) -> list[UnitRow]:
        """Every unit as it stood at the end of a day (ISO date): its name, contact and
        closing then; a unit registered later as it was registered. By code."""
        ...

    def parent_history(self, unit_id: UUID) -> list[ParentLink]: ...

    def move_days(self) -> list[str]:
        """The days (ISO dates) from which a move counts, in order: the hierarchy is the
        same on every day between two of them."""
        ...


Handler = Callable[[Any, int, UnitsView], None]


def day_of(e: Any) -> str:
    """The day (in China) an event happened: renames and closings count from it."""
    return china_day(e.timestamp).isoformat()


def _registered(e: Unit.Registered, position: int, view: UnitsView) -> None:
    uid, version, day = e.originator_id, e.originator_version, day_of(e)
    row = UnitRow(
        *(uid, e.code, e.name, e.level, e.parent_id, "", "", False, version, position),
        registered_on=day,
        changed_on=day,
    )
    view.put_unit(row)
    view.add_parent(ParentLink(uid, version, "", e.parent_id, position))


def _moved(e: Unit.Moved, position: int, view: UnitsView) -> None:
    _change(e, position, view, parent_id=e.parent_id)
    link = ParentLink(
        e.originator_id, e.originator_version, e.effective_from, e.parent_id, position
    )
    view.add_parent(link)


def _change(e: Any, position: int, view: UnitsView, **fields: Any) -> None:
    current = view.unit(e.originator_id)
    if current is None:
        msg = f"unit {e.originator_id} changed at position {position} before it was registered"
        raise LookupError(msg)
    version, day = e.originator_version, day_of(e)
    view.put_unit(replace(current, version=version, position=position, changed_on=day, **fields))


HANDLERS: Mapping[type, Handler] = {
    Unit.Registered: _registered,
    Unit.Renamed: lambda e, p, v: _change(e, p, v, name=e.name),
    Unit.Moved: _moved,
    Unit.ContactSet: lambda e, p, v: _change(e, p, v, contact=e.contact, phone=e.phone),
    Unit.Closed: lambda e, p, v: _change(e, p, v, closed=True),
}


class Units(HandledProcessor[UnitsView]):
    """The units processor: one row per unit and one history row per parent it has had."""

    name = UNITS
    handlers = HANDLERS
    revision = 3
    """2: its SQL view shows NUL as a sign; a SQLite version built before may hold NUL.
    3: rows carry the days of registration and of each change, so tables read units as of a
    period's last day."""


def parent_on(history: Sequence[ParentLink], day: date) -> UUID | None:
    """The parent in force on a day, as `Unit.parent_on` decides it: the last entry, in
    event order, that took effect on or before the day."""
    current = history[0].parent_id
    for link in history[1:]:
        if link.effective_from <= day.isoformat():
            current = link.parent_id
    return current


def subtree(reader: UnitsReader, root: UUID, on: date | None = None) -> frozenset[UUID]:
    """The unit and its descendants, under the hierarchy in force on a day (default: the
    latest)."""
    children: dict[UUID, list[UUID]] = {}
    for child, parent in reader.parents_on(on.isoformat() if on else FOREVER).items():
        if parent is not None:
            children.setdefault(parent, []).append(child)
    found, todo = {root}, [root]
    while todo:
        for child in children.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return frozenset(found)
