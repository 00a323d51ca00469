"""Realistic activity through the real application: a hierarchy, accounts and a quarter."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from uuid import UUID

from application.actor import Actor
from application.commands.accounts import CreateAccount, DisableAccount, GrantRole, RevokeRole
from application.commands.assessments import (
    Approve,
    AttachEvidence,
    Finalize,
    OpenAssessment,
    Reopen,
    ReturnAssessment,
    SaveSheet,
    ScoreItem,
    Submit,
)
from application.commands.rubrics import PublishRubric
from application.commands.units import CloseUnit, MoveUnit, RegisterUnit, RenameUnit, SetUnitContact
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
    by,
    full_sheet,
)
from tests.unit.application.sending import send

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
        app.setup(RegisterUnit(code=code, unit_name=name, level=level, parent=parent))


def score(aid: UUID, number: str, points: Decimal, reason: str = "") -> ScoreItem:
    return ScoreItem(
        assessment_id=aid, number=number, entry=ItemEntry(points=points), reason=reason
    )


def staffed_hierarchy(app: Kaohe) -> None:
    """The hierarchy with the Fengdu rubric published, so that its roles may be granted
    over villages, towns and counties."""
    hierarchy(app)
    app.setup(PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))


def a_quarter(app: Kaohe, register_units: bool = True) -> Quarter:
    """Scoring, review, return, approval, verification, finalizing and reopening of V1;
    a draft for V2; accounts granted, revoked and disabled; units renamed, moved, closed."""
    if register_units:
        hierarchy(app)
    app.setup(PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
    opening = OpenAssessment(unit="V1", rubric=RUBRIC, version=1, period="2023Q2")
    v1 = send(app, by(VILLAGE, key="open-v1"), opening).id
    send(app, by(VILLAGE), SaveSheet(assessment_id=v1, entries=full_sheet(app, v1)), Layer.SELF)
    send(app, by(VILLAGE), score(v1, "1", Decimal("0.5")), Layer.SELF)
    send(app, by(VILLAGE), Submit(assessment_id=v1))
    send(app, by(TOWN), score(v1, "2", Decimal(1), "站长未由书记兼任"), Layer.REVIEW)
    returned = ReturnAssessment(assessment_id=v1, reason="请补充站长任命文件", items=("2",))
    send(app, by(TOWN), returned)
    appointment = b"%PDF-1.4 appointment"
    attach = AttachEvidence(
        assessment_id=v1, file_name="任命文件.pdf", content=appointment, item="2"
    )
    send(app, by(VILLAGE), attach)
    send(app, by(VILLAGE), Submit(assessment_id=v1))
    send(app, by(TOWN), Approve(assessment_id=v1))
    send(app, by(COUNTY), score(v1, "3", Decimal(1), "抽查核实"), Layer.VERIFICATION)
    send(app, by(COUNTY), Finalize(assessment_id=v1))
    send(app, by(CITY), Reopen(assessment_id=v1, reason="复核发现问题"))
    opening = OpenAssessment(unit="V2", rubric=RUBRIC, version=1, period="2023Q2")
    v2 = send(app, by(VILLAGE), opening).id
    send(app, by(VILLAGE), score(v2, "1", Decimal(1)), Layer.SELF)
    app.setup(CreateAccount(username="zhang.san", display_name="张三", password="password-12345"))
    app.setup(GrantRole(username="zhang.san", role=Role.TOWN_REVIEWER, unit="T1"))
    app.setup(RevokeRole(username="zhang.san", role=Role.TOWN_REVIEWER, unit="T1", reason="调岗"))
    app.setup(DisableAccount(username="zhang.san", reason="离职"))
    app.setup(RenameUnit(code="T1", unit_name="东街道"))
    app.setup(MoveUnit(code="V2", parent="T2", effective_from=date(2023, 7, 1), reason="区划调整"))
    app.setup(SetUnitContact(code="V1", contact="王五", phone="13800000000"))
    app.setup(CloseUnit(code="V3", reason="撤并"))
    return Quarter(v1, v2)
