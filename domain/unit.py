"""Units of the hierarchy: city → county/district/banner → town → village/community."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from domain.audit import AuditedAggregate, Stamp, require_reason
from domain.errors import DomainError
from domain.ids import unit_id
from domain.rubric import UnitLevel

PARENT_LEVEL = {
    UnitLevel.COUNTY: UnitLevel.CITY,
    UnitLevel.TOWN: UnitLevel.COUNTY,
    UnitLevel.VILLAGE: UnitLevel.TOWN,
}


class Unit(AuditedAggregate):
    """A city, county, town or village unit. Invariants: its code never changes; a closed
    unit takes no changes; its parent history keeps every parent with the date it took effect,
    so periods before a move still roll up to the old parent."""

    class Registered(AuditedAggregate.Created):
        code: str
        name: str
        level: str
        parent_id: UUID | None

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.code = self.code
            aggregate.name = self.name
            aggregate.level = UnitLevel(self.level)
            aggregate.parents = [("", self.parent_id)]
            aggregate.contact = ""
            aggregate.phone = ""
            aggregate.closed = False

    class Renamed(AuditedAggregate.Event):
        name: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.name = self.name

    class Moved(AuditedAggregate.Event):
        parent_id: UUID
        effective_from: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.parents.append((self.effective_from, self.parent_id))

    class ContactSet(AuditedAggregate.Event):
        contact: str
        phone: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.contact = self.contact
            aggregate.phone = self.phone

    class Closed(AuditedAggregate.Event):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.closed = True

    code: str
    name: str
    level: UnitLevel
    parents: list[tuple[str, UUID | None]]
    contact: str
    phone: str
    closed: bool

    def __init__(self) -> None:
        """State comes from the events' apply methods."""

    @classmethod
    def register(
        cls, stamp: Stamp, code: str, name: str, level: UnitLevel, parent: Unit | None
    ) -> Unit:
        if not code.strip() or not name.strip():
            raise DomainError("a unit needs a code and a name")
        expected = PARENT_LEVEL.get(level)
        if expected is None and parent is not None:
            raise DomainError(f"a {level.value} unit has no parent; got {parent.code}")
        if expected is not None and (parent is None or parent.level is not expected):
            found = "none" if parent is None else f"{parent.code} ({parent.level.value})"
            raise DomainError(f"a {level.value} unit needs a {expected.value} parent; got {found}")
        return cls._start(
            cls.Registered,
            unit_id(code),
            stamp,
            code=code.strip(),
            name=name.strip(),
            level=level.value,
            parent_id=parent.id if parent else None,
        )

    @property
    def parent_id(self) -> UUID | None:
        return self.parents[-1][1]

    def parent_on(self, day: date) -> UUID | None:
        """The parent in force on a day (a move counts from its effective date)."""
        current = self.parents[0][1]
        for effective_from, parent in self.parents[1:]:
            if effective_from <= day.isoformat():
                current = parent
        return current

    def rename(self, stamp: Stamp, name: str) -> None:
        self._check_open("rename")
        if not name.strip():
            raise DomainError("a unit's name cannot be empty")
        self._emit(self.Renamed, stamp, name=name.strip())

    def move(self, stamp: Stamp, parent: Unit, effective_from: date, reason: str) -> None:
        self._check_open("move")
        if PARENT_LEVEL.get(self.level) is not parent.level:
            raise DomainError(
                f"cannot move a {self.level.value} unit under a {parent.level.value} unit"
            )
        if parent.id == self.parent_id:
            raise DomainError(f"unit {self.code} is already under {parent.code}")
        self._emit(
            self.Moved,
            stamp,
            require_reason(reason, "move a unit"),
            parent_id=parent.id,
            effective_from=effective_from.isoformat(),
        )

    def set_contact(self, stamp: Stamp, contact: str, phone: str) -> None:
        self._check_open("set the contact of")
        self._emit(self.ContactSet, stamp, contact=contact.strip(), phone=phone.strip())

    def close(self, stamp: Stamp, reason: str) -> None:
        self._check_open("close")
        self._emit(self.Closed, stamp, require_reason(reason, "close a unit"))

    def _check_open(self, action: str) -> None:
        if self.closed:
            raise DomainError(f"unit {self.code} is closed; cannot {action} it")
