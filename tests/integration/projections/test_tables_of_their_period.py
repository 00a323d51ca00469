"""A period's tables read the units as they stood on its last day, on SQLite and PostgreSQL:
units registered later are not in its denominators and later names are not shown in it."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from application.commands.assessments import Approve, OpenAssessment, SaveSheet, Submit
from application.commands.rubrics import PublishRubric
from application.commands.units import RegisterUnit, RenameUnit
from application.service import Kaohe
from application.store import EventStore
from domain.rubric import UnitLevel
from domain.workflow import Layer
from infra.evidence_files import FileEvidence
from infra.passwords import Argon2Hasher
from infra.projections.registry import Projections
from infra.projections.tables import TableRequest, read_tables
from infra.rubric_files import BUILTIN_DIR, read_definition
from projections.tables.table import Table
from tests.unit.application.conftest import TOWN, VILLAGE, TickingClock, by, full_sheet
from tests.unit.application.sending import send
from tests.unit.projections.activity import RUBRIC, hierarchy

LATER = datetime(2026, 3, 2, 1, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> TickingClock:
    return TickingClock()


@pytest.fixture
def app(store: EventStore, clock: TickingClock, tmp_path: Path) -> Kaohe:
    return Kaohe(store, clock, Argon2Hasher(time_cost=1, memory_cost=1024), FileEvidence(tmp_path))


@pytest.fixture
def quarter(app: Kaohe, projections: Projections) -> None:
    """CITY → C1 → T1 → V1 (passed in 2023Q2), V2; T2 → V3: one of three stations passed."""
    hierarchy(app)
    app.setup(PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
    opening = OpenAssessment(unit="V1", rubric=RUBRIC, version=1, period="2023Q2")
    v1 = send(app, by(VILLAGE), opening).id
    send(app, by(VILLAGE), SaveSheet(assessment_id=v1, entries=full_sheet(app, v1)), Layer.SELF)
    send(app, by(VILLAGE), Submit(assessment_id=v1))
    send(app, by(TOWN), Approve(assessment_id=v1))
    projections.catch_up()


def grow_in_2026(app: Kaohe, clock: TickingClock, projections: Projections) -> None:
    """A county with a town and two stations registered in 2026; V1 and T1 renamed."""
    clock.current = LATER
    for code, name, level, parent in (
        ("C2", "新区", UnitLevel.COUNTY, "CITY"),
        ("T9", "新城街道", UnitLevel.TOWN, "C2"),
        ("V91", "新城一社区", UnitLevel.VILLAGE, "T9"),
        ("V92", "新城二社区", UnitLevel.VILLAGE, "T9"),
    ):
        app.setup(RegisterUnit(code=code, unit_name=name, level=level, parent=parent))
    app.setup(RenameUnit(code="V1", unit_name="东街幸福社区"))
    app.setup(RenameUnit(code="T1", unit_name="东街新街道"))
    projections.catch_up()


def compliance(projections: Projections, period: str) -> Table:
    (table,) = read_tables(projections, TableRequest("compliance", "CITY", period))
    return table


def rows(table: Table, *columns: str) -> list[tuple[object, ...]]:
    at = [table.columns.index(c) for c in columns]
    return [tuple(row[i] for i in at) for row in table.rows]


def test_units_registered_after_a_quarter_leave_its_rate_as_it_was(
    quarter: None, app: Kaohe, clock: TickingClock, projections: Projections
) -> None:
    before = compliance(projections, "2023Q2")
    assert rows(before, "单位", "服务站数", "达标率(%)") == [
        ("潞州区", 3, Decimal("33.3")),
        ("合计", 3, Decimal("33.3")),
    ]
    grow_in_2026(app, clock, projections)
    assert compliance(projections, "2023Q2").rows == before.rows
    now = compliance(projections, "2026Q1")
    assert rows(now, "单位", "服务站数") == [("潞州区", 3), ("新区", 2), ("合计", 5)]


def test_a_quarters_tables_keep_the_names_of_the_quarter(
    quarter: None, app: Kaohe, clock: TickingClock, projections: Projections
) -> None:
    grow_in_2026(app, clock, projections)
    (table,) = read_tables(projections, TableRequest("quarterly", "T1", "2023Q2"))
    assert table.column("退役军人服务站名称") == ("东街社区",)
    assert "填报单位：东街街道" in table.context
    moment = datetime(2025, 1, 1, tzinfo=UTC)
    (earlier,) = read_tables(projections, TableRequest("quarterly", "T1", "2023Q2", moment))
    assert earlier.column("退役军人服务站名称") == ("东街社区",)
