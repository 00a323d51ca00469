"""The assessment commands: open, score in the caller's layer, and the workflow steps."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import ClassVar
from uuid import UUID

from application.authorization import Action, Target, sheet_target
from application.commands.base import Command
from application.consequences import Consequence
from application.preconditions import check_items
from domain.assessment import Assessment
from domain.audit import AuditedAggregate
from domain.entries import ItemEntry
from domain.ids import unit_id
from domain.period_days import hierarchy_day
from domain.workflow import Layer


@dataclass(frozen=True, kw_only=True)
class OpenAssessment(Command):
    """Open a unit's sheet against a published rubric version for a period."""

    step = Action.OPEN
    name = "open_assessment"
    unit: str
    rubric: str
    version: int
    period: str

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        return [Target(f"unit:{self.unit}", unit_id(self.unit), hierarchy_day(self.period))]


@dataclass(frozen=True, kw_only=True)
class OpenRound(Command):
    """Open a period's sheets on one rubric for every unit named, in one change (发起考核):
    the body that scores opens the round for the units of its subtree, each authorized as
    if opened alone; units that already have their sheet are left as they are."""

    step = Action.OPEN
    name = "open_round"
    rubric: str
    version: int
    period: str
    units: tuple[str, ...]

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        day = hierarchy_day(self.period)
        return [Target(f"unit:{code}", unit_id(code), day) for code in self.units]


@dataclass(frozen=True, kw_only=True)
class ExtendRound(Command):
    """Extend the window of a round's sheets (延长期限) for every unit named, in one change:
    each authorized as if extended alone; every named unit must have its sheet."""

    step = Action.EXTEND_WINDOW
    name = "extend_round"
    rubric: str
    version: int
    period: str
    units: tuple[str, ...]
    until: date
    reason: str

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        day = hierarchy_day(self.period)
        return [Target(f"unit:{code}", unit_id(code), day) for code in self.units]


@dataclass(frozen=True, kw_only=True)
class AssessmentCommand(Command):
    """A change of one assessment, authorized on the assessed unit."""

    subject_type: ClassVar[type[AuditedAggregate] | None] = Assessment
    assessment_id: UUID

    def subject_id(self) -> UUID | None:
        return self.assessment_id

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        assert isinstance(subject, Assessment)
        return [sheet_target(subject)]


@dataclass(frozen=True, kw_only=True)
class ItemCommand(AssessmentCommand):
    """A change of one item in the caller's layer: based on the item's version, so changes
    of other items since it was read do not refuse it."""

    number: str

    def check_version(self, expected: int, subject: AuditedAggregate, layer: Layer | None) -> None:
        assert isinstance(subject, Assessment)
        check_items(expected, subject, layer, [self.number])


@dataclass(frozen=True, kw_only=True)
class ScoreItem(ItemCommand):
    """Set one item's entry in the caller's layer."""

    step = Action.SCORE
    name = "score_item"
    entry: ItemEntry
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class SaveSheet(AssessmentCommand):
    """Set many items at once in the caller's layer: all change, or none."""

    step = Action.SCORE
    name = "save_sheet"
    entries: Mapping[str, ItemEntry]
    reason: str = ""

    def check_version(self, expected: int, subject: AuditedAggregate, layer: Layer | None) -> None:
        """Based on the version of each item it sets, as one item's change is."""
        assert isinstance(subject, Assessment)
        check_items(expected, subject, layer, self.entries)


@dataclass(frozen=True, kw_only=True)
class SaveSheetFile(SaveSheet):
    """Save the items a sheet file (an uploaded workbook) sets in the caller's layer, all or
    none, each change naming the file by its name and SHA-256."""

    name = "save_sheet_file"
    file_name: str
    sha256: str


@dataclass(frozen=True, kw_only=True)
class ApplyDeduction(ItemCommand):
    """Apply a deduction line: a count of occurrences, or a discretionary amount."""

    step = Action.SCORE
    name = "apply_deduction"
    line: str
    count: int | None = None
    amount: Decimal | None = None
    reason: str


@dataclass(frozen=True, kw_only=True)
class ClaimBonus(ItemCommand):
    """Claim a bonus for a matter at a tier."""

    step = Action.SCORE
    name = "claim_bonus"
    matter: str
    tier: str
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class WithdrawBonus(ItemCommand):
    """Withdraw one bonus claim, with a reason."""

    step = Action.SCORE
    name = "withdraw_bonus"
    matter: str
    tier: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class RaiseVeto(ItemCommand):
    """Raise a veto condition (一票否决)."""

    step = Action.SCORE
    name = "raise_veto"
    condition: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class LiftVeto(ItemCommand):
    """Lift a raised veto condition, with a reason."""

    step = Action.SCORE
    name = "lift_veto"
    condition: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class EnterProgress(ItemCommand):
    """Enter an item's progress and, for a numeric target, its value."""

    step = Action.SCORE
    name = "enter_progress"
    progress: str
    value: Decimal | None = None
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class AttachEvidence(AssessmentCommand):
    """Attach an evidence file, optionally to one item (its content counts by its hash)."""

    step = Action.ATTACH_EVIDENCE
    name = "attach_evidence"
    file_name: str
    content: bytes = field(repr=False)
    item: str | None = None


@dataclass(frozen=True, kw_only=True)
class Submit(AssessmentCommand):
    step = Action.SUBMIT
    name = "submit"


@dataclass(frozen=True, kw_only=True)
class ReturnAssessment(AssessmentCommand):
    """Return the sheet to its unit with a reason, naming the items to redo."""

    step = Action.RETURN
    name = "return"
    refuse_submitter = True
    reason: str
    items: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Approve(AssessmentCommand):
    step = Action.APPROVE
    name = "approve"
    refuse_submitter = True


@dataclass(frozen=True, kw_only=True)
class AssignSections(AssessmentCommand):
    """The inspection group's leader (组长: who opened the sheet) gives top sections of the
    sheet to one inspector of the group, named by username."""

    step = Action.ASSIGN_SECTIONS
    name = "assign_sections"
    inspector: str
    sections: tuple[str, ...]


@dataclass(frozen=True, kw_only=True)
class ExtendWindow(AssessmentCommand):
    """The body that opens the period's sheets extends this sheet's window (延长期限) to a
    later last day, with a reason."""

    step = Action.EXTEND_WINDOW
    name = "extend_window"
    until: date
    reason: str


@dataclass(frozen=True, kw_only=True)
class RecordFinding(AssessmentCommand):
    """Record a spot-check finding on the sheet; a falsification's consequence (a deduction
    or a veto in the verification layer) is applied with it, in the same save."""

    step = Action.RECORD_FINDING
    name = "record_finding"
    finding: str
    items: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    note: str = ""
    consequence: Consequence | None = None


@dataclass(frozen=True, kw_only=True)
class Finalize(AssessmentCommand):
    step = Action.FINALIZE
    name = "finalize"


@dataclass(frozen=True, kw_only=True)
class Reopen(AssessmentCommand):
    step = Action.REOPEN
    name = "reopen"
    reason: str
