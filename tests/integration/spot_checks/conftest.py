"""A county with two towns of approved quarterly sheets, on the parametrised store."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import pytest
from click.testing import CliRunner

from application.actor import Actor
from application.commands.assessments import Approve, OpenAssessment, SaveSheet, Submit
from application.commands.rubrics import PublishRubric
from application.commands.units import RegisterUnit
from application.service import Kaohe
from application.store import EventStore
from domain.account import Role
from domain.entries import ItemEntry
from domain.ids import unit_id
from domain.rubric import UnitLevel
from domain.workflow import Layer
from infra.projections.registry import Projections
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.unit.application.conftest import by, full_sheet
from tests.unit.application.sending import send
from tests.unit.projections.activity import application

RUBRIC = "fengdu-village-station"
PERIOD = "2023Q2"
AUDITOR = Actor(UUID(int=13), Role.COUNTY_AUDITOR, unit_id("C1"))
STATIONS = {"T1": ["V1", "V2", "V3", "V4"], "T2": ["V5", "V6", "V7", "V8"], "T3": ["V9"]}


def station(code: str) -> Actor:
    return Actor(UUID(int=100 + int(code[1:])), Role.STATION_STAFF, unit_id(code))


def reviewer(town: str) -> Actor:
    return Actor(UUID(int=200 + int(town[1:])), Role.TOWN_REVIEWER, unit_id(town))


@dataclass(frozen=True)
class County:
    """C1's approved sheets (V8's is only submitted) and C2's one (V9)."""

    app: Kaohe
    sheets: dict[str, UUID]


@pytest.fixture
def app(store: EventStore, tmp_path: Path) -> Kaohe:
    return application(store, tmp_path)


@pytest.fixture
def projections(store: EventStore) -> Iterator[Projections]:
    found = Projections(store)
    yield found
    found.stop()


@pytest.fixture
def county(app: Kaohe) -> County:
    for code, name, level, parent in (
        ("CITY", "重庆市", UnitLevel.CITY, None),
        ("C1", "丰都县", UnitLevel.COUNTY, "CITY"),
        ("C2", "忠县", UnitLevel.COUNTY, "CITY"),
        ("T1", "三合街道", UnitLevel.TOWN, "C1"),
        ("T2", "名山街道", UnitLevel.TOWN, "C1"),
        ("T3", "忠州街道", UnitLevel.TOWN, "C2"),
    ):
        app.setup(RegisterUnit(code=code, unit_name=name, level=level, parent=parent))
    app.setup(PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
    sheets = {}
    for town, villages in STATIONS.items():
        for code in villages:
            app.setup(
                RegisterUnit(
                    code=code, unit_name=f"{code}社区", level=UnitLevel.VILLAGE, parent=town
                )
            )
            sheets[code] = sheet(app, code, town, approve=code != "V8")
    return County(app, sheets)


def sheet(app: Kaohe, code: str, town: str, approve: bool) -> UUID:
    """Full marks but item 6 (3 points), which gets 3, 2 or 1 by station."""
    staff = by(station(code))
    aid = send(app, staff, OpenAssessment(unit=code, rubric=RUBRIC, version=1, period=PERIOD)).id
    entries = full_sheet(app, aid) | {"6": ItemEntry(points=Decimal(3 - int(code[1:]) % 3))}
    send(app, staff, SaveSheet(assessment_id=aid, entries=entries), Layer.SELF)
    send(app, staff, Submit(assessment_id=aid))
    if approve:
        send(app, by(reviewer(town)), Approve(assessment_id=aid))
    return aid


@pytest.fixture
def cli(store_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    """The `kaohe` command line, on the parametrised store."""
    monkeypatch.delenv("KAOHE_DATABASE_URL", raising=False)
    monkeypatch.delenv("KAOHE_POSTGRES_SCHEMA", raising=False)
    for name, value in store_env.items():
        monkeypatch.setenv(name, value)
    return CliRunner()
