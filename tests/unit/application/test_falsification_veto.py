"""Seed 002 v2 declares a falsification finding's consequence: the result disqualified (一票否决)
under item 61's condition 4, recorded under the name 弄虚作假. Through the authorizing bus."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

import pytest

from application.commands import assessments as c
from application.commands.rubrics import PublishRubric
from application.consequences import Consequence, Deduct, Veto
from domain.audit import Stamp
from domain.errors import DomainError
from domain.scoring import Result
from domain.workflow import Layer
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.unit.application.conftest import full_sheet
from tests.unit.application.test_assessment_handlers import RUBRIC, Desk

MAY_10 = datetime(2023, 5, 10, 1, 0, tzinfo=UTC)
DECLARED = r"item 61, veto condition '4' \(其他规定取消考核资格的\) named 弄虚作假"


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    found = Desk(tmp_path)
    found.kaohe.setup(PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v2.yaml")))
    found.clock.current = MAY_10
    yield found
    found.kaohe.close()


def approved(desk: Desk, version: int = 2) -> tuple[UUID, str]:
    """A Q2 sheet at full marks, approved by its town, with the county's site record attached."""
    opened = c.OpenAssessment(unit="V1", rubric=RUBRIC, version=version, period="2023Q2")
    aid = desk.run("staff", opened).id
    desk.run("staff", c.SaveSheet(assessment_id=aid, entries=full_sheet(desk.kaohe, aid)))
    desk.run("staff", c.Submit(assessment_id=aid))
    desk.run("reviewer", c.Approve(assessment_id=aid))
    record = c.AttachEvidence(assessment_id=aid, file_name="记录.pdf", content=b"site", item="2")
    desk.run("auditor", record)
    return aid, desk.sheet(aid).evidence[-1].sha256


def falsified(aid: UUID, sha: str, consequence: Consequence | None) -> c.RecordFinding:
    return c.RecordFinding(
        assessment_id=aid,
        finding="falsification",
        items=("2",),
        evidence=(sha,),
        note="任命文件倒签日期",
        consequence=consequence,
    )


def test_a_falsification_disqualifies_the_result_under_the_name_of_falsification(
    desk: Desk,
) -> None:
    aid, sha = approved(desk)
    desk.run("auditor", falsified(aid, sha, Veto("61", "4")))
    sheet = desk.sheet(aid)
    entry = sheet.layers[Layer.VERIFICATION.value]["61"]
    assert entry == {"raised": ["4"], "named": {"4": "弄虚作假"}}
    card = sheet.scorecard(desk.kaohe.assessments.rubric_of(sheet))
    assert (card.result, card.vetoed_for) == (Result.VETOED, ("弄虚作假",))
    assert "一票否决：弄虚作假（4. 其他规定取消考核资格的）" in card.reasons
    veto = desk.kaohe.history(aid)[-2]
    assert veto.topic.endswith("VetoRaised")
    assert veto.state["reason"] == "弄虚作假：任命文件倒签日期"


@pytest.mark.parametrize(
    "other",
    [None, Veto("61", "1"), Veto("61", "3"), Deduct("61", "4", count=1)],
)
def test_no_other_consequence_and_no_other_condition_stands_in_for_it(
    desk: Desk, other: Consequence | None
) -> None:
    aid, sha = approved(desk)
    before = desk.sheet(aid).version
    with pytest.raises(DomainError, match=DECLARED):
        desk.run("auditor", falsified(aid, sha, other))
    assert desk.sheet(aid).version == before


def test_a_veto_takes_a_name_only_where_its_rubric_declares_it(desk: Desk) -> None:
    for version, condition in ((1, "4"), (2, "1")):
        aid = desk.run(
            "staff",
            c.OpenAssessment(unit="V1", rubric=RUBRIC, version=version, period=f"2023Q{version}"),
        ).id
        sheet = desk.sheet(aid)
        rubric = desk.kaohe.assessments.rubric_of(sheet)
        stamp = Stamp("auditor", "county_auditor", "C1", MAY_10, "r1")
        with pytest.raises(DomainError, match="declares no veto of item 61"):
            sheet.raise_veto(stamp, rubric, "61", Layer.SELF, condition, "x", name="弄虚作假")


def test_lifting_the_veto_drops_its_name(desk: Desk) -> None:
    aid, sha = approved(desk)
    desk.run("auditor", falsified(aid, sha, Veto("61", "4")))
    lift = c.LiftVeto(assessment_id=aid, number="61", condition="4", reason="复核撤销")
    desk.run("auditor", lift)
    sheet = desk.sheet(aid)
    assert sheet.layers[Layer.VERIFICATION.value]["61"] == {}
    assert sheet.scorecard(desk.kaohe.assessments.rubric_of(sheet)).vetoed_for == ()
