"""The rectification item (整改台账): what a unit must fix after a finding, by when, and
whether the county, on re-checking, accepted what the unit did."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

from domain.audit import AuditedAggregate, Stamp
from domain.china_time import china_day
from domain.errors import DomainError, FieldError
from domain.evidence import Evidence
from domain.ids import NAMESPACE


class Status(StrEnum):
    """Open (the unit's turn, also after a reopening), reported (the county's turn), closed."""

    OPEN = "open"
    REPORTED = "reported"
    CLOSED = "closed"


class SourceKind(StrEnum):
    FINDING = "finding"
    """A closed campaign's finding of error or falsification on a sampled sheet."""
    SIGNAL = "signal"
    """A recorded risk signal whose disposition sent it to rectification (转整改)."""


@dataclass(frozen=True)
class Source:
    """What an item rectifies: a spot-check finding (campaign id + assessment id) or a
    recorded risk signal (its id). One item per source."""

    kind: SourceKind
    campaign_id: UUID | None = None
    assessment_id: UUID | None = None
    signal_id: str | None = None

    def __post_init__(self) -> None:
        finding = self.campaign_id is not None and self.assessment_id is not None
        if self.kind is SourceKind.FINDING and not (finding and self.signal_id is None):
            raise DomainError("a finding source names a campaign and an assessment, no signal")
        if self.kind is SourceKind.SIGNAL and (finding or not (self.signal_id or "").strip()):
            raise DomainError("a signal source names the signal's id, no campaign or assessment")

    @classmethod
    def finding(cls, campaign_id: UUID, assessment_id: UUID) -> Source:
        return cls(SourceKind.FINDING, campaign_id, assessment_id)

    @classmethod
    def signal(cls, signal_id: str) -> Source:
        return cls(SourceKind.SIGNAL, signal_id=signal_id.strip())

    @property
    def key(self) -> str:
        if self.kind is SourceKind.FINDING:
            return f"finding:{self.campaign_id}:{self.assessment_id}"
        return f"signal:{self.signal_id}"

    def to_data(self) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "campaign_id": None if self.campaign_id is None else str(self.campaign_id),
            "assessment_id": None if self.assessment_id is None else str(self.assessment_id),
            "signal_id": self.signal_id,
        }

    @classmethod
    def from_data(cls, data: dict[str, Any]) -> Source:
        def uuid(key: str) -> UUID | None:
            return None if data.get(key) is None else UUID(str(data[key]))

        kind = SourceKind(data["kind"])
        return cls(kind, uuid("campaign_id"), uuid("assessment_id"), data.get("signal_id"))


def rectification_id(source: Source) -> UUID:
    """One rectification item per source, so the same finding is never opened twice."""
    return uuid5(NAMESPACE, f"rectification:{source.key}")


@dataclass(frozen=True)
class Owner:
    """Who answers for the item in the unit: one account, or whoever holds a role there."""

    account_id: UUID | None = None
    role: str | None = None

    def __post_init__(self) -> None:
        if (self.account_id is None) == (self.role is None):
            raise FieldError("owner", "name an owner account or a role", "请指定责任人或责任岗位")


def check_text(value: str, field: str, english: str, chinese: str) -> str:
    if not value.strip():
        raise FieldError(field, english, chinese)
    return value.strip()


@dataclass(frozen=True)
class Step:
    """One event of an item as its page lists it: what happened, who, when, and what it said
    (the problem, what was done, the re-check's note or why it went back)."""

    kind: str
    at: datetime
    actor_id: str
    actor_role: str
    text: str


def _step(event: Any, text: str) -> Step:
    kind = type(event).__qualname__.rpartition(".")[2]
    return Step(kind, event.timestamp, event.actor_id, event.actor_role, text)


def check_action(action: str) -> str:
    """What the unit says it did: never empty."""
    return check_text(action, "action", "say what was done", "请填写整改情况")


class Rectification(AuditedAggregate):
    """A rectification item. Invariants: it is opened once per source, with a problem, a
    unit, an owner and a deadline not before the day it is opened; the unit reports only
    while it is open, with what it did; the county closes or reopens (with a reason) only a
    reported item; a closed item never changes again."""

    class Opened(AuditedAggregate.Created):
        source: dict[str, Any]
        unit_id: UUID
        period: str
        problem: str
        owner_account: UUID | None
        owner_role: str | None
        deadline: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.source = Source.from_data(self.source)
            aggregate.unit_id = self.unit_id
            aggregate.period = self.period
            aggregate.problem = self.problem
            aggregate.owner = Owner(self.owner_account, self.owner_role)
            aggregate.deadline = date.fromisoformat(self.deadline)
            aggregate.status = Status.OPEN
            aggregate.reports = []
            aggregate.history = [_step(self, self.problem)]

    class Reported(AuditedAggregate.Event):
        action: str
        evidence: list[dict[str, Any]]

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            files = tuple(Evidence(**e) for e in self.evidence)
            aggregate.reports.append(Report(self.action, files, self.actor_id))
            aggregate.status = Status.REPORTED
            aggregate.history.append(_step(self, self.action))

    class Closed(AuditedAggregate.Event):
        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.status = Status.CLOSED
            aggregate.history.append(_step(self, self.reason))

    class Reopened(AuditedAggregate.Event):
        deadline: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.deadline = date.fromisoformat(self.deadline)
            aggregate.status = Status.OPEN
            aggregate.history.append(_step(self, self.reason))

    source: Source
    unit_id: UUID
    period: str
    problem: str
    owner: Owner
    deadline: date
    status: Status
    reports: list[Report]
    history: list[Step]

    def __init__(self) -> None:
        """State comes from the events' apply methods."""

    @classmethod
    def open(
        cls,
        stamp: Stamp,
        source: Source,
        unit_id: UUID,
        period: str,
        problem: str,
        owner: Owner,
        deadline: date,
    ) -> Rectification:
        check_deadline(stamp, deadline)
        return cls._start(
            cls.Opened,
            rectification_id(source),
            stamp,
            source=source.to_data(),
            unit_id=unit_id,
            period=period,
            problem=check_text(problem, "problem", "say what must be fixed", "请填写整改问题"),
            owner_account=owner.account_id,
            owner_role=owner.role,
            deadline=deadline.isoformat(),
        )

    def report(self, stamp: Stamp, action: str, evidence: Sequence[Evidence]) -> None:
        """The unit says what it did, with evidence files (kept by their SHA-256)."""
        self._check(Status.OPEN, "report on", "只有待整改的事项才能报送整改情况")
        done = check_action(action)
        self._emit(self.Reported, stamp, action=done, evidence=[e.to_data() for e in evidence])

    def close(self, stamp: Stamp, note: str) -> None:
        """The county re-checked what the unit did and accepts it."""
        self._check(Status.REPORTED, "close", "只有已报送整改情况的事项才能复查销号")
        why = check_text(note, "note", "say what the re-check found", "请填写复查意见")
        self._emit(self.Closed, stamp, reason=why)

    def reopen(self, stamp: Stamp, reason: str, deadline: date | None) -> None:
        """The county re-checked and sends it back to the unit, with why (and a new deadline)."""
        self._check(Status.REPORTED, "reopen", "只有已报送整改情况的事项才能退回重新整改")
        why = check_text(reason, "reason", "say why it goes back", "请填写退回原因")
        if deadline is not None:
            check_deadline(stamp, deadline)
        new = (deadline or self.deadline).isoformat()
        self._emit(self.Reopened, stamp, reason=why, deadline=new)

    def overdue(self, today: date) -> bool:
        """Not closed and its deadline passed (the deadline day itself still counts)."""
        return self.status is not Status.CLOSED and today > self.deadline

    def _check(self, status: Status, action: str, chinese: str) -> None:
        if self.status is not status:
            raise FieldError(
                "status",
                f"cannot {action} a rectification that is {self.status.value}; "
                f"allowed when it is {status.value}",
                chinese,
            )


@dataclass(frozen=True)
class Report:
    """What the unit said it did, the evidence it attached and the account that reported."""

    action: str
    evidence: tuple[Evidence, ...]
    by: str


def check_deadline(stamp: Stamp, deadline: date) -> None:
    today = china_day(stamp.at)
    if deadline < today:
        raise FieldError(
            "deadline",
            f"the deadline {deadline} is before today ({today})",
            f"整改时限 {deadline} 早于今天（{today}）",
        )
