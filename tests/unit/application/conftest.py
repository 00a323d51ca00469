"""An application over a real store (SQLite and PostgreSQL), a ticking clock and fast hashing."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import pytest

from application.actor import SYSTEM, Actor
from application.bus import Outcome
from application.commands.base import Command as BusCommand
from application.commands.rubrics import PublishRubric
from application.commands.units import RegisterUnit
from application.service import Kaohe
from application.store import EventStore
from domain.account import Role
from domain.entries import ItemEntry
from domain.ids import unit_id
from domain.rubric import UnitLevel
from domain.rules import Kind
from infra.evidence_files import FileEvidence
from infra.passwords import Argon2Hasher
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.unit.application.memory_world import memory_kaohe
from tests.unit.application.sending import Who


class TickingClock:
    """Each reading is one second after the last, from a fixed start."""

    def __init__(self, start: datetime = datetime(2023, 4, 1, 8, 0, tzinfo=UTC)) -> None:
        self.current = start

    def now(self) -> datetime:
        self.current += timedelta(seconds=1)
        return self.current


@pytest.fixture
def clock() -> TickingClock:
    return TickingClock()


@pytest.fixture
def app(tmp_path: Path) -> Iterator[Kaohe]:
    """The application over the in-memory store, with a fixed clock and a few units."""
    yield from memory_kaohe(tmp_path)


@pytest.fixture
def kaohe(store: EventStore, clock: TickingClock, tmp_path: Path) -> Iterator[Kaohe]:
    app = Kaohe(store, clock, Argon2Hasher(time_cost=1, memory_cost=1024), FileEvidence(tmp_path))
    yield app


def by(actor: Actor, key: str | None = None, expected: int | None = None) -> Who:
    return Who(actor, correlation_id="test", idempotency_key=key, expected_version=expected)


def run(
    app: Kaohe,
    actor: Actor,
    command: BusCommand,
    key: str | None = None,
    expected: int | None = None,
) -> Outcome:
    """Run a command on the bus as this actor (trusted: not authorized)."""
    return app.setup(command, "test", actor, key=key, expected=expected)


def admin() -> Who:
    return by(SYSTEM)


VILLAGE = Actor(UUID(int=11), Role.STATION_STAFF, unit_id("V1"))
TOWN = Actor(UUID(int=12), Role.TOWN_REVIEWER, unit_id("T1"))
COUNTY = Actor(UUID(int=13), Role.COUNTY_AUDITOR, unit_id("C1"))


def full_sheet(app: Kaohe, aid: UUID) -> dict[str, ItemEntry]:
    """Full marks on every standard item of the assessment's rubric."""
    rubric = app.assessments.rubric_of(app.assessments.get(aid))
    return {
        i.number: ItemEntry(points=i.max_points) for i in rubric.items() if i.kind is Kind.STANDARD
    }


@dataclass(frozen=True)
class World:
    app: Kaohe
    rubric_id: UUID


@pytest.fixture
def world(kaohe: Kaohe) -> World:
    """One city, county and town, two villages, and the Fengdu rubric published."""
    kaohe.setup(RegisterUnit(code="CITY", unit_name="长治市", level=UnitLevel.CITY, parent=None))
    kaohe.setup(RegisterUnit(code="C1", unit_name="潞州区", level=UnitLevel.COUNTY, parent="CITY"))
    kaohe.setup(RegisterUnit(code="T1", unit_name="东街街道", level=UnitLevel.TOWN, parent="C1"))
    kaohe.setup(RegisterUnit(code="V1", unit_name="东街社区", level=UnitLevel.VILLAGE, parent="T1"))
    kaohe.setup(RegisterUnit(code="V2", unit_name="西街社区", level=UnitLevel.VILLAGE, parent="T1"))
    definition = read_definition(BUILTIN_DIR / "fengdu-village-station.v1.yaml")
    outcome = kaohe.setup(PublishRubric(definition=definition))
    return World(kaohe, outcome.id)
