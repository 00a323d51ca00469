"""Every assessment command through the bus, over the in-memory store and a fixed clock."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from uuid import UUID

import pytest

from application.actor import Actor
from application.authorization import Authorizer, Caller, UnknownUnitTree
from application.bus import Bus, Outcome
from application.commands import assessments as c
from application.commands.accounts import CreateAccount, GrantRole
from application.commands.base import Command
from application.commands.rubrics import PublishRubric
from application.commands.units import RegisterUnit
from application.consequences import Veto
from application.denials import StoreDenialLog
from application.errors import ConflictError, PermissionDeniedError
from application.refusals import InMemoryRefusalLog
from application.service import Kaohe
from application.store import EventStore
from domain.account import Role
from domain.assessment import Assessment
from domain.entries import ItemEntry
from domain.errors import DomainError, ScoringInputError
from domain.ids import account_id
from domain.rubric import UnitLevel
from domain.workflow import Layer, Status
from infra.evidence_files import FileEvidence
from infra.passwords import Argon2Hasher
from infra.rubric_files import BUILTIN_DIR, read_definition
from tests.unit.application.conftest import TickingClock, full_sheet

RUBRIC = "fengdu-village-station"
GRANTS = {"staff": (Role.STATION_STAFF, "V1"), "reviewer": (Role.TOWN_REVIEWER, "T1")}
GRANTS |= {"auditor": (Role.COUNTY_AUDITOR, "C1")}


class Desk:
    """The bus over an in-memory store with a village, its town and county, and accounts."""

    def __init__(self, tmp_path: Path) -> None:
        store = EventStore(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
        self.clock = TickingClock()
        hasher = Argon2Hasher(time_cost=1, memory_cost=1024)
        self.kaohe = Kaohe(store, self.clock, hasher, FileEvidence(tmp_path))
        refusals = InMemoryRefusalLog(self.clock)
        auth = Authorizer(
            UnknownUnitTree(), self.kaohe.runner, refusals, StoreDenialLog(store), self.clock
        )
        files = self.kaohe.assessments.files
        self.bus = Bus(store, self.clock, auth, self.kaohe.rubrics.rubric, files)
        setup = self.kaohe.setup
        for code, level, parent in (
            ("CITY", UnitLevel.CITY, None),
            ("C1", UnitLevel.COUNTY, "CITY"),
            ("T1", UnitLevel.TOWN, "C1"),
            ("V1", UnitLevel.VILLAGE, "T1"),
        ):
            setup(RegisterUnit(code=code, unit_name=code, level=level, parent=parent))
        setup(PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")))
        for name, (role, unit) in GRANTS.items():
            setup(CreateAccount(username=name, display_name=name, password="a-long-password"))
            setup(GrantRole(username=name, role=role, unit=unit))

    def run(self, who: str, command: Command, key: str | None = None) -> Outcome:
        expected = None
        if command.subject_id() is not None:
            expected = self.kaohe.assessments.get(command.subject_id()).version  # type: ignore[arg-type]
        return self.bus.handle(command, Caller(account_id(who), "test", key, expected))

    def opened(self) -> UUID:
        return self.run(
            "staff", c.OpenAssessment(unit="V1", rubric=RUBRIC, version=1, period="2023Q2")
        ).id

    def submitted(self) -> UUID:
        aid = self.opened()
        entries = full_sheet(self.kaohe, aid)
        self.run("staff", c.SaveSheet(assessment_id=aid, entries=entries))
        self.run("staff", c.Submit(assessment_id=aid))
        return aid

    def sheet(self, aid: UUID) -> Assessment:
        return self.kaohe.assessments.get(aid)


@pytest.fixture
def desk(tmp_path: Path) -> Iterator[Desk]:
    found = Desk(tmp_path)
    yield found
    found.kaohe.close()


def test_opening_creates_a_draft_once(desk: Desk) -> None:
    aid = desk.opened()
    assert desk.sheet(aid).status is Status.DRAFT
    with pytest.raises(ConflictError, match="already has an assessment"):
        desk.opened()


def test_a_score_goes_to_the_layer_of_the_callers_role(desk: Desk) -> None:
    aid = desk.submitted()
    entry = ItemEntry(points=None)
    outcome = desk.run(
        "reviewer", c.ScoreItem(assessment_id=aid, number="1", entry=entry, reason="核减")
    )
    assert "1" in desk.sheet(aid).layers["review"]
    assert outcome.aggregate.version == desk.sheet(aid).version


def test_saving_a_sheet_sets_every_entry_in_the_self_layer(desk: Desk) -> None:
    aid = desk.opened()
    entries = full_sheet(desk.kaohe, aid)
    desk.run("staff", c.SaveSheet(assessment_id=aid, entries=entries))
    assert set(desk.sheet(aid).layers["self"]) == set(entries)


def test_a_deduction_on_an_item_without_lines_is_refused_and_changes_nothing(desk: Desk) -> None:
    aid = desk.opened()
    before = desk.sheet(aid).version
    with pytest.raises((DomainError, ScoringInputError)):
        desk.run(
            "staff", c.ApplyDeduction(assessment_id=aid, number="1", line="x", count=1, reason="r")
        )
    assert desk.sheet(aid).version == before


def test_a_bonus_is_claimed_and_withdrawn(desk: Desk) -> None:
    aid = desk.opened()
    claim = {"assessment_id": aid, "number": "58", "matter": "老兵之家建设经验", "tier": "bureau"}
    desk.run("staff", c.ClaimBonus(**claim))
    claimed = desk.sheet(aid).entry(Layer.SELF, "58").claims
    desk.run("staff", c.WithdrawBonus(**claim, reason="重复申报"))
    assert claimed and not desk.sheet(aid).entry(Layer.SELF, "58").claims


def test_a_veto_is_raised_and_lifted(desk: Desk) -> None:
    aid = desk.opened()
    veto = {"assessment_id": aid, "number": "61", "condition": "3"}
    desk.run("staff", c.RaiseVeto(**veto, reason="舆情"))
    assert desk.sheet(aid).entry(Layer.SELF, "61").raised == {"3"}
    desk.run("staff", c.LiftVeto(**veto, reason="核实不属实"))
    assert not desk.sheet(aid).entry(Layer.SELF, "61").raised


def test_progress_is_entered_in_the_callers_layer(desk: Desk) -> None:
    aid = desk.opened()
    desk.run("staff", c.EnterProgress(assessment_id=aid, number="1", progress="已完成"))
    assert desk.sheet(aid).entry(Layer.SELF, "1").progress == "已完成"


def test_attached_evidence_is_kept_by_its_hash(desk: Desk) -> None:
    aid = desk.opened()
    content = b"%PDF-1.4 appointment"
    desk.run("staff", c.AttachEvidence(assessment_id=aid, file_name="任命.pdf", content=content))
    [evidence] = desk.sheet(aid).evidence
    assert desk.kaohe.assessments.files.get(evidence.sha256) == content


def test_a_sheet_goes_through_review_return_approval_and_finalization(desk: Desk) -> None:
    aid = desk.submitted()
    desk.run("reviewer", c.ReturnAssessment(assessment_id=aid, reason="补充台账", items=("1",)))
    assert desk.sheet(aid).status is Status.RETURNED
    desk.run("staff", c.Submit(assessment_id=aid))
    desk.run("reviewer", c.Approve(assessment_id=aid))
    desk.run("auditor", c.RecordFinding(assessment_id=aid, finding="none", note="核查无误"))
    desk.run("auditor", c.Finalize(assessment_id=aid))
    assert desk.sheet(aid).status is Status.FINALIZED
    assert desk.sheet(aid).findings


def test_a_county_reopens_an_approved_sheet(desk: Desk) -> None:
    aid = desk.submitted()
    desk.run("reviewer", c.Approve(assessment_id=aid))
    desk.run("auditor", c.Reopen(assessment_id=aid, reason="复核发现问题"))
    assert desk.sheet(aid).status is not Status.APPROVED


def test_a_step_outside_the_role_is_refused_and_recorded(desk: Desk) -> None:
    aid = desk.submitted()
    with pytest.raises(PermissionDeniedError):
        desk.run("staff", c.Approve(assessment_id=aid))
    events = [change.topic for change in desk.kaohe.history(account_id("staff"))]
    assert desk.sheet(aid).status is Status.SUBMITTED
    assert events[-1].endswith("AccessDenied")


def test_a_repeated_key_answers_the_first_outcome_and_another_request_is_refused(
    desk: Desk,
) -> None:
    aid = desk.opened()
    score = c.ScoreItem(assessment_id=aid, number="1", entry=ItemEntry(points=None))
    once = desk.bus.handle(score, Caller(account_id("staff"), "t", "k1", None))
    again = desk.bus.handle(score, Caller(account_id("staff"), "t", "k1", 0))
    assert (again.id, again.version) == (once.id, once.version)
    other = c.ScoreItem(assessment_id=aid, number="2", entry=ItemEntry(points=None))
    with pytest.raises(ConflictError, match="already used"):
        desk.bus.handle(other, Caller(account_id("staff"), "t", "k1", None))


def test_a_stale_expected_version_is_refused_before_anything_changes(desk: Desk) -> None:
    aid = desk.opened()
    score = c.ScoreItem(assessment_id=aid, number="1", entry=ItemEntry(points=None))
    with pytest.raises(ConflictError, match="based on version 7"):
        desk.bus.handle(score, Caller(account_id("staff"), "t", None, 7))
    assert desk.sheet(aid).version == 1


def test_a_falsification_vetoes_the_sheet_in_the_same_save_as_its_finding(desk: Desk) -> None:
    aid = desk.submitted()
    desk.run("reviewer", c.Approve(assessment_id=aid))
    content = b"site record"
    desk.run("auditor", c.AttachEvidence(assessment_id=aid, file_name="记录.pdf", content=content))
    sha = desk.sheet(aid).evidence[-1].sha256
    before = desk.sheet(aid).version
    finding = c.RecordFinding(
        assessment_id=aid,
        finding="falsification",
        items=("2",),
        evidence=(sha,),
        note="倒签",
        consequence=Veto("61", "4"),
    )
    outcome = desk.run("auditor", finding)
    sheet = desk.sheet(aid)
    assert outcome.version == before + 2 == sheet.version
    assert sheet.entry(Layer.VERIFICATION, "61").raised == {"4"}
    assert sheet.findings[-1].items == ("2", "61")


def test_a_finding_with_a_consequence_it_cannot_carry_changes_nothing(desk: Desk) -> None:
    aid = desk.submitted()
    desk.run("reviewer", c.Approve(assessment_id=aid))
    version = desk.sheet(aid).version
    wrong = c.RecordFinding(
        assessment_id=aid, finding="error", note="笔误", consequence=Veto("61", "4")
    )
    with pytest.raises(DomainError, match="only a falsification finding"):
        desk.run("auditor", wrong)
    assert desk.sheet(aid).version == version


def test_set_up_may_score_a_layer_its_role_does_not_write(desk: Desk) -> None:
    aid = desk.opened()
    staff = desk.kaohe.accounts.get("staff")
    actor = Actor(staff.id, Role.COUNTY_AUDITOR, staff.grants[next(iter(staff.grants))].unit_id)
    score = c.ScoreItem(assessment_id=aid, number="1", entry=ItemEntry(points=Decimal(1)))
    desk.bus.handle_as(score, actor, Caller(staff.id, "setup"), layer=Layer.SELF)
    assert desk.sheet(aid).entry(Layer.SELF, "1").points == Decimal(1)
