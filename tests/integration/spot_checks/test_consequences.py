"""A falsification finding and its deduction (seed 001: 视情扣1-5分) as one command."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

import pytest

from application.actor import Actor
from application.commands.assessments import (
    ApplyDeduction,
    Approve,
    AttachEvidence,
    OpenAssessment,
    SaveSheet,
    Submit,
)
from application.commands.rubrics import PublishRubric
from application.commands.units import RegisterUnit
from application.consequences import Consequence, Deduct, Veto
from application.service import Kaohe
from domain.account import Role
from domain.entries import ItemEntry
from domain.errors import DomainError, ScoringInputError
from domain.ids import unit_id
from domain.rubric import UnitLevel
from domain.rules import Kind
from domain.workflow import Layer
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.unit.application.conftest import by
from tests.unit.application.sending import record_finding, send

RUBRIC = "changzhi-county-centre"
CENTRE = Actor(UUID(int=21), Role.STATION_STAFF, unit_id("C1"))
CITY = Actor(UUID(int=22), Role.CITY_REGULATOR, unit_id("CITY"))
INSPECTOR = Actor(UUID(int=23), Role.CITY_REGULATOR, unit_id("CITY"))


def approved_county_sheet(app: Kaohe, version: int = 1) -> UUID:
    """A county centre's 2023 sheet: full marks, one petition to Beijing deducted on review."""
    app.setup(RegisterUnit(code="CITY", unit_name="长治市", level=UnitLevel.CITY, parent=None))
    app.setup(RegisterUnit(code="C1", unit_name="潞州区", level=UnitLevel.COUNTY, parent="CITY"))
    path = BUILTIN_DIR / f"{RUBRIC}.v{version}.yaml"
    app.setup(PublishRubric(definition=read_definition(path)))
    a = app.assessments
    aid = send(
        app, by(CENTRE), OpenAssessment(unit="C1", rubric=RUBRIC, version=version, period="2023")
    ).id
    rubric = a.rubric_of(a.get(aid))
    scored = (Kind.STANDARD, Kind.SPECIAL)
    entries = {
        i.number: ItemEntry(points=i.max_points)
        for i in rubric.items()
        if i.kind in scored and i.max_points
    }
    send(app, by(CENTRE), SaveSheet(assessment_id=aid, entries=entries), Layer.SELF)
    send(app, by(CENTRE), Submit(assessment_id=aid))
    petition = ApplyDeduction(
        assessment_id=aid, number="65", line="beijing", count=1, reason="1人次越级进京上访"
    )
    send(app, by(CITY), petition, Layer.REVIEW)
    send(app, by(CITY), Approve(assessment_id=aid))
    return aid


def test_a_falsification_takes_the_rubrics_deduction_and_keeps_the_items_other_lines(
    app: Kaohe,
) -> None:
    aid = approved_county_sheet(app)
    a = app.assessments
    reported = a.get(aid).scorecard(a.rubric_of(a.get(aid)), Layer.REVIEW).total
    attach = AttachEvidence(
        assessment_id=aid, file_name="台账比对.xlsx", content=b"ledger rows", item="12"
    )
    send(app, by(INSPECTOR), attach)
    sha = a.get(aid).evidence[-1].sha256
    record_finding(
        app,
        by(INSPECTOR),
        aid,
        "falsification",
        ["12"],
        [sha],
        "培训台账签到系伪造",
        Deduct("65", "falsification", amount=Decimal(3)),
    )
    sheet = a.get(aid)
    assert sheet.layers["verification"]["65"] == {
        "counts": {"beijing": 1},
        "amounts": {"falsification": "3"},
    }
    verified = sheet.scorecard(a.rubric_of(sheet)).total
    assert verified == reported - 3
    finding = sheet.findings[-1]
    assert (finding.finding, finding.items, finding.evidence) == (
        "falsification",
        ("12", "65"),
        (sha,),
    )
    trail = [(c.topic.rpartition(".")[2], c.state["reason"]) for c in app.history(aid)[-3:]]
    assert trail == [
        ("EvidenceAttached", ""),
        ("DeductionApplied", "弄虚作假：培训台账签到系伪造"),
        ("FindingRecorded", "培训台账签到系伪造"),
    ]


def test_a_consequence_the_rubric_does_not_allow_stores_nothing(app: Kaohe) -> None:
    aid = approved_county_sheet(app)
    a = app.assessments
    send(
        app,
        by(INSPECTOR),
        AttachEvidence(assessment_id=aid, file_name="照片.jpg", content=b"photo"),
    )
    sha = a.get(aid).evidence[-1].sha256
    version = a.get(aid).version
    with pytest.raises(ScoringInputError, match=r"must be 0 or 1\.\.5"):
        record_finding(
            app,
            by(INSPECTOR),
            aid,
            "falsification",
            ["12"],
            [sha],
            "伪造",
            Deduct("65", "falsification", amount=Decimal(9)),
        )
    with pytest.raises(DomainError, match="only a falsification finding"):
        record_finding(app, by(INSPECTOR), aid, "error", ["12"], [], "笔误", Veto("65", "x"))
    assert a.get(aid).version == version


@pytest.mark.parametrize(
    "other",
    [None, Deduct("65", "public_opinion", amount=Decimal(3)), Veto("65", "falsification")],
)
def test_where_the_rubric_declares_the_consequence_nothing_else_stands_in_for_it(
    app: Kaohe, other: Consequence | None
) -> None:
    aid = approved_county_sheet(app, version=2)
    a = app.assessments
    photo = AttachEvidence(assessment_id=aid, file_name="照片.jpg", content=b"photo")
    send(app, by(INSPECTOR), photo)
    sha = a.get(aid).evidence[-1].sha256
    version = a.get(aid).version
    declared = r"item 65, deduction line 'falsification' \(在考评工作中弄虚作假的，视情扣1-5分\)"
    with pytest.raises(DomainError, match=declared):
        record_finding(app, by(INSPECTOR), aid, "falsification", ["12"], [sha], "伪造", other)
    assert a.get(aid).version == version
    chosen = Deduct("65", "falsification", amount=Decimal(2))
    record_finding(app, by(INSPECTOR), aid, "falsification", ["12"], [sha], "伪造", chosen)
    assert a.get(aid).layers["verification"]["65"]["amounts"] == {"falsification": "2"}
