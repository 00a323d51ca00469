"""Ports the application needs from the outside world, as protocols."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol, TypeVar
from uuid import UUID

from domain.audit import AuditedAggregate, Stamp

A = TypeVar("A", bound=AuditedAggregate)

EventTime = tuple[UUID, int, datetime]
"""(aggregate id, version, event timestamp): one row of the timestamp index."""

Credential = tuple[UUID, str]
"""(account id, argon2 hash): written beside the events, never inside one."""


class Clock(Protocol):
    def now(self) -> datetime: ...


class PasswordHasher(Protocol):
    def hash(self, password: str) -> str: ...

    def verify(self, password_hash: str, password: str) -> bool: ...


class EventHistory(Protocol):
    """What the event store keeps beside the events, written in the same transaction."""

    def version_at(self, originator_id: UUID, at: datetime) -> int | None:
        """The aggregate's last version at or before a time; None if it did not exist yet."""
        ...

    def position_at(self, at: datetime) -> int | None:
        """The last notification id (log position) at or before a time."""
        ...

    def credential(self, account_id: UUID) -> str | None:
        """The account's current password hash."""
        ...

    def max_position(self) -> int:
        """The last notification id in the log (0 when empty)."""
        ...


class EvidenceFiles(Protocol):
    """Evidence files stored once by their SHA-256."""

    def put(self, content: bytes) -> str:
        """Store the content (once) and return its SHA-256 hex digest."""
        ...

    def get(self, sha256: str) -> bytes | None: ...


class RefusalLog(Protocol):
    """Which refused attempts become events, so that nobody can grow the ledger at will."""

    def admit(self, account_id: UUID, action: str, target: str) -> int | None:
        """Count a refusal. None: counted only (not recorded now); a number: record it as
        an event, carrying that many earlier refusals of its kind that were only counted."""
        ...


@dataclass(frozen=True)
class TreeNode:
    """Where a unit hangs in the hierarchy (now, or on the day asked)."""

    unit_id: UUID
    parent_id: UUID | None


class UnitTree(Protocol):
    """The unit hierarchy as authorization walks it (answered by the units read model)."""

    def node(self, unit_id: UUID, on: date | None = None) -> TreeNode | None:
        """The unit and its parent in force on a day (None: its current parent); None when
        the tree cannot vouch for the unit (not known yet, or possibly behind the log), so
        the caller reads the aggregate."""
        ...


class Namesakes(Protocol):
    """Units by name under a parent (answered by the units read model), so that two units of
    one name under one parent, which no table could tell apart, are refused."""

    def namesake(self, parent_id: UUID, name: str) -> str | None:
        """The code of an open unit under the parent with this name, if one is known."""
        ...


class Aggregates(Protocol):
    """Aggregates by id (a unit of work, caching what it loads)."""

    def find(self, cls: type[A], aggregate_id: UUID) -> A | None:
        """The aggregate of this class with this id, or None."""
        ...


class DenialLog(Protocol):
    """Where refused attempts are recorded (as events on the refused account)."""

    def record(self, stamp: Stamp, denial: Denial) -> None: ...


@dataclass(frozen=True)
class Denial:
    """One refused attempt as recorded on the account."""

    account_id: UUID
    action: str
    target: str
    target_unit: UUID | None
    why: str
    repeats: int
