"""Realistic activity through the real application: a hierarchy, accounts and a quarter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from application.actor import Actor
from application.service import Kaohe
from application.store import EventStore
from domain.account import Role
from domain.entries import ItemEntry
from domain.ids import unit_id
from domain.rubric import UnitLevel
from domain.workflow import Layer
from infra.evidence_files import FileEvidence
from infra.passwords import Argon2Hasher
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.unit.application.conftest import (
    COUNTY,
    TOWN,
    VILLAGE,
    TickingClock,
    admin,
    by,
    full_sheet,
)

CITY = Actor(UUID(int=14), Role.CITY_REGULATOR, unit_id("CITY"))
RUBRIC = "fengdu-village-station"


@dataclass(frozen=True)
class Quarter:
    """The ids a test asks about."""

    finalized: UUID
    drafted: UUID


def application(store: EventStore, files: Path) -> Kaohe:
    return Kaohe(
        store, TickingClock(), Argon2Hasher(time_cost=1, memory_cost=1024), FileEvidence(files)
    )


def hierarchy(app: Kaohe) -> None:
    """CITY → C1 → T1 → V1, V2 and T2 → V3."""
    for code, name, level, parent in (
        ("CITY", "长治市", UnitLevel.CITY, None),
        ("C1", "潞州区", UnitLevel.COUNTY, "CITY"),
        ("T1", "东街街道", UnitLevel.TOWN, "C1"),
        ("T2", "西街街道", UnitLevel.TOWN, "C1"),
        ("V1", "东街社区", UnitLevel.VILLAGE, "T1"),
        ("V2", "西街社区", UnitLevel.VILLAGE, "T1"),
        ("V3", "南街社区", UnitLevel.VILLAGE, "T2"),
    ):
        app.units.register(admin(), code, name, level, parent)


def a_quarter(app: Kaohe, register_units: bool = True) -> Quarter:
    """Scoring, review, return, approval, verification, finalizing and reopening of V1;
    a draft for V2; accounts granted, revoked and disabled; units renamed, moved, closed."""
    if register_units:
        hierarchy(app)
    app.rubrics.publish(admin(), read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml"))
    a = app.assessments
    v1 = a.open(by(VILLAGE, key="open-v1"), "V1", RUBRIC, 1, "2023Q2").id
    a.save_sheet(by(VILLAGE), v1, Layer.SELF, full_sheet(app, v1))
    a.score_item(by(VILLAGE), v1, "1", Layer.SELF, ItemEntry(points=Decimal("0.5")))
    a.submit(by(VILLAGE), v1)
    a.score_item(by(TOWN), v1, "2", Layer.REVIEW, ItemEntry(points=Decimal(1)), "站长未由书记兼任")
    a.return_to_unit(by(TOWN), v1, "请补充站长任命文件", ["2"])
    a.attach_evidence(by(VILLAGE), v1, "任命文件.pdf", b"%PDF-1.4 appointment", "2")
    a.submit(by(VILLAGE), v1)
    a.approve(by(TOWN), v1)
    a.score_item(by(COUNTY), v1, "3", Layer.VERIFICATION, ItemEntry(points=Decimal(1)), "抽查核实")
    a.finalize(by(COUNTY), v1)
    a.reopen(by(CITY), v1, "复核发现问题")
    v2 = a.open(by(VILLAGE), "V2", RUBRIC, 1, "2023Q2").id
    a.score_item(by(VILLAGE), v2, "1", Layer.SELF, ItemEntry(points=Decimal(1)))
    accounts = app.accounts
    accounts.create(admin(), "zhang.san", "张三", "password-12345")
    accounts.grant(admin(), "zhang.san", Role.TOWN_REVIEWER, "T1")
    accounts.revoke(admin(), "zhang.san", Role.TOWN_REVIEWER, "T1", "调岗")
    accounts.disable(admin(), "zhang.san", "离职")
    app.units.rename(admin(), "T1", "东街道")
    app.units.move(admin(), "V2", "T2", date(2023, 7, 1), "区划调整")
    app.units.set_contact(admin(), "V1", "王五", "13800000000")
    app.units.close(admin(), "V3", "撤并")
    return Quarter(v1, v2)
