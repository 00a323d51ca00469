"""The spot-check campaign (抽查复核): a county's frozen frame, a public seed, the drawn sample."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

from domain.audit import AuditedAggregate, Stamp, require_reason
from domain.errors import DomainError
from domain.evidence import FINDINGS
from domain.ids import NAMESPACE
from domain.sampling import (
    METHOD,
    Design,
    FrameEntry,
    Mode,
    Selected,
    check_frame,
    check_seed,
    draw,
    frame_hash,
)
from domain.workflow import check_period


class Stage(StrEnum):
    """Where a campaign stands; each stage is reached once, in this order."""

    OPENED = "opened"
    FROZEN = "frozen"
    SEEDED = "seeded"
    DRAWN = "drawn"
    CLOSED = "closed"


def campaign_id(county_id: UUID, period: str, name: str) -> UUID:
    """One campaign per county, period and name."""
    return uuid5(NAMESPACE, f"campaign:{county_id}:{period}:{name.strip()}")


class Campaign(AuditedAggregate):
    """A spot-check campaign. Invariants: the frame is frozen once and never changes after
    its hash is recorded; the seed is entered only after the frame is frozen, once; the
    sample is drawn once, from the recorded frame and seed alone, by the recorded method; a
    campaign closes only when every sampled assessment has a finding."""

    class Opened(AuditedAggregate.Created):
        county_id: UUID
        period: str
        name: str
        mode: str
        size: int
        method: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.county_id = self.county_id
            aggregate.period = self.period
            aggregate.name = self.name
            aggregate.mode = Mode(self.mode)
            aggregate.size = self.size
            aggregate.method = self.method
            aggregate.stage = Stage.OPENED
            aggregate.frame = []
            aggregate.frame_hash = None
            aggregate.seed = None
            aggregate.seed_source = None
            aggregate.sample = []
            aggregate.findings = {}

    class FrameFrozen(AuditedAggregate.Event):
        entries: list[dict[str, Any]]
        frame_hash: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.frame = [FrameEntry.from_data(e) for e in self.entries]
            aggregate.frame_hash = self.frame_hash
            aggregate.stage = Stage.FROZEN

    class SeedEntered(AuditedAggregate.Event):
        seed: str
        source: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.seed = self.seed
            aggregate.seed_source = self.source
            aggregate.stage = Stage.SEEDED

    class SampleDrawn(AuditedAggregate.Event):
        frame_hash: str
        selected: list[dict[str, Any]]

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.sample = [Selected.from_data(s) for s in self.selected]
            aggregate.stage = Stage.DRAWN

    class Closed(AuditedAggregate.Event):
        findings: dict[str, str]

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.findings = dict(self.findings)
            aggregate.stage = Stage.CLOSED

    county_id: UUID
    period: str
    name: str
    mode: Mode
    size: int
    method: str
    stage: Stage
    frame: list[FrameEntry]
    frame_hash: str | None
    seed: str | None
    seed_source: str | None
    sample: list[Selected]
    findings: dict[str, str]

    def __init__(self) -> None:
        """State comes from the events' apply methods."""

    @classmethod
    def open(
        cls, stamp: Stamp, county_id: UUID, period: str, name: str, mode: Mode, size: int
    ) -> Campaign:
        check_period(period)
        if not name.strip():
            raise DomainError("a campaign needs a name")
        Design(mode, size)
        return cls._start(
            cls.Opened,
            campaign_id(county_id, period, name),
            stamp,
            county_id=county_id,
            period=period,
            name=name.strip(),
            mode=mode.value,
            size=size,
            method=METHOD,
        )

    @property
    def design(self) -> Design:
        return Design(self.mode, self.size)

    def freeze_frame(self, stamp: Stamp, entries: Sequence[FrameEntry]) -> None:
        """Record the frame and its hash; after this nothing can change the frame."""
        self._check_stage(Stage.OPENED, "freeze the frame of")
        frame = check_frame(self.design, entries)
        self._emit(
            self.FrameFrozen,
            stamp,
            entries=[e.to_data() for e in frame],
            frame_hash=frame_hash(self.design, frame),
        )

    def enter_seed(self, stamp: Stamp, seed: str, source: str) -> None:
        """Record the public seed; refused before the frame is frozen and after a seed."""
        self._check_stage(Stage.FROZEN, "enter a seed for")
        self._emit(
            self.SeedEntered,
            stamp,
            seed=check_seed(seed),
            source=require_reason(source, "enter a seed (say where it comes from)"),
        )

    def draw(self, stamp: Stamp) -> None:
        """Draw the sample from the recorded frame and seed (nothing else is read)."""
        self._check_stage(Stage.SEEDED, "draw the sample of")
        assert self.seed is not None and self.frame_hash is not None
        selected = draw(self.design, self.frame, self.seed)
        self._emit(
            self.SampleDrawn,
            stamp,
            frame_hash=self.frame_hash,
            selected=[s.to_data() for s in selected],
        )

    def close(self, stamp: Stamp, findings: Mapping[UUID, str]) -> None:
        """Close with each sampled assessment's finding (none, error or falsification)."""
        self._check_stage(Stage.DRAWN, "close")
        sampled = {s.assessment_id for s in self.sample}
        missing = sorted(str(a) for a in sampled - set(findings))
        if missing:
            raise DomainError(f"cannot close: no finding yet for {', '.join(missing)}")
        extra = sorted(str(a) for a in set(findings) - sampled)
        if extra:
            raise DomainError(f"cannot close: {', '.join(extra)} are not in the sample")
        unknown = sorted({f for f in findings.values() if f not in FINDINGS})
        if unknown:
            raise DomainError(f"findings {', '.join(unknown)} are unknown; allowed: {FINDINGS}")
        self._emit(
            self.Closed, stamp, findings={str(a): findings[a] for a in sorted(findings, key=str)}
        )

    def sampled(self, assessment_id: UUID) -> bool:
        return any(s.assessment_id == assessment_id for s in self.sample)

    def _check_stage(self, stage: Stage, action: str) -> None:
        if self.stage is not stage:
            raise DomainError(
                f"cannot {action} a campaign that is {self.stage.value}; "
                f"allowed when it is {stage.value}"
            )
