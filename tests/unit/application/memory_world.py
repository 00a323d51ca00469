"""The bus over the in-memory store (eventsourcing's POPO persistence) and a fixed clock,
with the stored password hashes kept beside the events as the real recorders keep them."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Recording

from application.authorization import Caller
from application.bus import Outcome
from application.commands.base import Command
from application.commands.units import RegisterUnit
from application.service import Kaohe
from application.store import EventStore
from domain.ids import account_id
from domain.rubric import UnitLevel
from infra.evidence_files import FileEvidence

MOMENT = datetime(2023, 4, 1, 8, 0, tzinfo=UTC)


class FixedClock:
    def now(self) -> datetime:
        return MOMENT


class PlainHasher:
    """A fast stand-in for argon2: the SHA-256 of the password."""

    def hash(self, password: str) -> str:
        return "sha256$" + hashlib.sha256(password.encode()).hexdigest()

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash == self.hash(password)


class MemoryStore(EventStore):
    """Events in memory; credentials saved with them, in the same call."""

    def __init__(self) -> None:
        super().__init__(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
        self.credentials: dict[UUID, str] = {}
        self.position = 0

    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        recordings = super().save(*objs, **kwargs)
        self.credentials.update(dict(kwargs.get("credentials", [])))
        self.position = max([self.position, *(r.notification.id for r in recordings)])
        return recordings

    @property
    def history(self) -> Any:
        return self

    def credential(self, account_id: UUID) -> str | None:
        return self.credentials.get(account_id)

    def max_position(self) -> int:
        return self.position


def memory_kaohe(tmp_path: Path) -> Iterator[Kaohe]:
    """A city, a county, a town and two villages, set up as the system."""
    kaohe = Kaohe(MemoryStore(), FixedClock(), PlainHasher(), FileEvidence(tmp_path))
    for code, level, parent in (
        ("CITY", UnitLevel.CITY, None),
        ("C1", UnitLevel.COUNTY, "CITY"),
        ("T1", UnitLevel.TOWN, "C1"),
        ("V1", UnitLevel.VILLAGE, "T1"),
        ("V2", UnitLevel.VILLAGE, "T1"),
    ):
        kaohe.setup(RegisterUnit(code=code, unit_name=f"{code}单位", level=level, parent=parent))
    yield kaohe
    kaohe.close()


def as_system(
    app: Kaohe, command: Command, key: str | None = None, expected: int | None = None
) -> Outcome:
    """Run a command as the system (set-up), with an idempotency key or expected version."""
    return app.setup(command, "test", key=key, expected=expected)


def by(app: Kaohe, username: str, command: Command, expected: int | None = None) -> Outcome:
    """Run a command as an account, authorized by its grants."""
    return app.bus.handle(command, Caller(account_id(username), "test", None, expected))
