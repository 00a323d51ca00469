"""The rectification commands (整改台账): the county opens an item, the unit reports, the
county closes it or sends it back."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ClassVar
from uuid import UUID

from application.authorization import Action, GrantCheck, Target
from application.commands.base import Command
from domain.account import Grant
from domain.audit import AuditedAggregate
from domain.ids import unit_id
from domain.rectification import Rectification, Source


@dataclass(frozen=True, kw_only=True)
class OpenRectification(Command):
    """Open a rectification item on `unit` (its code) for what `source` found.

    `source` names either a spot-check finding (`Source.finding(campaign_id,
    assessment_id)`: the campaign must be closed and its finding on that sampled sheet be
    an error or falsification; the unit must be the sheet's and the period is the
    campaign's) or a recorded risk signal (`Source.signal(signal_id)`: the caller, such as a
    signal's 转整改 disposition, has checked the signal; `period` says which period it is
    about). `problem` says what must be fixed; the owner is one account holding a role on
    the unit (`owner_account`) or a role there (`owner_role`); `deadline` is a China day,
    not before today. Only the county's auditors may open one; each source opens one item."""

    step = Action.OPEN_RECTIFICATION
    name = "open_rectification"
    source: Source
    unit: str
    problem: str
    deadline: date
    owner_account: UUID | None = None
    owner_role: str | None = None
    period: str | None = None

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        return [Target(f"unit:{self.unit}", unit_id(self.unit))]


@dataclass(frozen=True, kw_only=True)
class RectificationStep(Command):
    """A step on one rectification item, authorized on its unit."""

    subject_type: ClassVar[type[AuditedAggregate] | None] = Rectification
    rectification_id: UUID

    def subject_id(self) -> UUID | None:
        return self.rectification_id

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        assert isinstance(subject, Rectification)
        return [Target(f"rectification:{subject.id}", subject.unit_id)]


@dataclass(frozen=True, kw_only=True)
class EvidenceFile:
    """A file the unit attaches to its report (kept once by its SHA-256)."""

    file_name: str
    content: bytes = field(repr=False)


@dataclass(frozen=True, kw_only=True)
class ReportRectification(RectificationStep):
    """The unit says what it did, with evidence; only staff granted on the unit itself."""

    step = Action.REPORT_RECTIFICATION
    name = "report_rectification"
    action: str
    files: tuple[EvidenceFile, ...] = ()

    def grant_check(self, subject: AuditedAggregate | None) -> GrantCheck | None:
        assert isinstance(subject, Rectification)
        unit = subject.unit_id

        def own_unit(grant: Grant) -> str | None:
            if grant.unit_id == unit:
                return None
            return "only the staff of the unit that must rectify report what it did"

        return own_unit


@dataclass(frozen=True, kw_only=True)
class CloseRectification(RectificationStep):
    """The county re-checked and accepts what was done (销号), saying what it found."""

    step = Action.CLOSE_RECTIFICATION
    name = "close_rectification"
    note: str


@dataclass(frozen=True, kw_only=True)
class ReopenRectification(RectificationStep):
    """The county re-checked and sends the item back to the unit, with why and optionally a
    new deadline."""

    step = Action.REOPEN_RECTIFICATION
    name = "reopen_rectification"
    reason: str
    deadline: date | None = None
