"""The spot-check campaign (抽查复核): randomness committed at opening, a frozen frame, the seed
revealed after it, the drawn sample, and further rounds when findings pass the plan's threshold."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from enum import StrEnum
from typing import Any
from uuid import UUID, uuid5

from domain.audit import AuditedAggregate, Stamp, require_reason
from domain.campaign_plan import Escalation, FollowUp, Plan
from domain.campaign_rounds import Round, draw_round, due_escalation, round_findings
from domain.commitment import Commitment
from domain.errors import DomainError, FieldError
from domain.ids import NAMESPACE
from domain.sampling import (
    METHOD,
    Design,
    FrameEntry,
    Mode,
    Selected,
    check_frame,
    check_seed,
    frame_hash,
)
from domain.workflow import check_period


class Stage(StrEnum):
    """Where a campaign stands: opened, frozen, then per round seeded and drawn (a round after
    the first starts escalated), closed at the end."""

    OPENED = "opened"
    FROZEN = "frozen"
    SEEDED = "seeded"
    DRAWN = "drawn"
    ESCALATED = "escalated"
    """A round's findings passed the plan's threshold: the next round awaits its seed (or,
    for a full check, its draw)."""
    CLOSED = "closed"


def campaign_id(county_id: UUID, period: str, name: str) -> UUID:
    """One campaign per county, period and name."""
    return uuid5(NAMESPACE, f"campaign:{county_id}:{period}:{name.strip()}")


class Campaign(AuditedAggregate):
    """A spot-check campaign. Invariants: every round's randomness is committed before the
    sheets it draws from are known (at opening for the first round, at escalation for later
    ones), and a seed is accepted only if it keeps to that commitment; the frame is frozen
    once and never changes after its hash is recorded; each round is drawn once, from the
    recorded frame less earlier rounds' sheets and its own seed, by the recorded method; a
    round whose findings pass the plan's threshold escalates as the plan said; a campaign
    closes only when every sampled assessment has a finding. Campaigns opened before
    commitments existed (no plan, no commitment) stay readable, but take no new seed."""

    class Opened(AuditedAggregate.Created):
        class_version = 2

        county_id: UUID
        period: str
        name: str
        mode: str
        size: int
        method: str
        commitment: dict[str, Any] | None
        plan: dict[str, Any] | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            # Campaigns opened before commitments: the seed was not fixed in advance.
            state["commitment"] = None
            state["plan"] = None

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.county_id = self.county_id
            aggregate.period = self.period
            aggregate.name = self.name
            aggregate.mode = Mode(self.mode)
            aggregate.size = self.size
            aggregate.method = self.method
            aggregate.commitment = (
                None if self.commitment is None else Commitment.from_data(self.commitment)
            )
            aggregate.plan = None if self.plan is None else Plan.from_data(self.plan)
            aggregate.stage = Stage.OPENED
            aggregate.frame = []
            aggregate.frame_hash = None
            aggregate.rounds = []
            aggregate.findings = {}

    class SizeFixed(AuditedAggregate.Event):
        """The first round's size, from the plan's goal and the frame's size."""

        frame_size: int
        size: int

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.size = self.size

    class FrameFrozen(AuditedAggregate.Event):
        entries: list[dict[str, Any]]
        frame_hash: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.frame = [FrameEntry.from_data(e) for e in self.entries]
            aggregate.frame_hash = self.frame_hash
            aggregate.rounds = [Round(1, aggregate.size, aggregate.commitment, self.timestamp)]
            aggregate.stage = Stage.FROZEN

    class SeedEntered(AuditedAggregate.Event):
        seed: str
        source: str

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            current = aggregate.rounds[-1]
            current.seed, current.source = self.seed, self.source
            current.seeded_at = self.timestamp
            aggregate.stage = Stage.SEEDED

    class SampleDrawn(AuditedAggregate.Event):
        frame_hash: str
        selected: list[dict[str, Any]]

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            aggregate.rounds[-1].sample = [Selected.from_data(s) for s in self.selected]
            aggregate.stage = Stage.DRAWN

    class Escalated(AuditedAggregate.Event):
        """Round `round`'s findings passed the threshold; the next round's size (None: a
        full check) and the commitment its seed must keep (None for a full check)."""

        round: int
        findings: dict[str, str]
        serious: int
        above: int
        then: str
        size: int | None
        commitment: dict[str, Any] | None

        def apply(self, aggregate: Any) -> None:
            super().apply(aggregate)
            promised = None if self.commitment is None else Commitment.from_data(self.commitment)
            aggregate.rounds.append(Round(self.round + 1, self.size, promised, self.timestamp))
            aggregate.stage = Stage.ESCALATED

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
    commitment: Commitment | None
    plan: Plan | None
    stage: Stage
    frame: list[FrameEntry]
    frame_hash: str | None
    rounds: list[Round]
    findings: dict[str, str]

    def __init__(self) -> None:
        """State comes from the events' apply methods."""

    @classmethod
    def open(
        cls,
        stamp: Stamp,
        county_id: UUID,
        period: str,
        name: str,
        mode: Mode,
        plan: Plan,
        commitment: Commitment,
    ) -> Campaign:
        """Open with the plan and the commitment the first round's seed must keep."""
        check_period(period)
        if not name.strip():
            raise DomainError("a campaign needs a name")
        commitment.check_unknown_at(stamp.at, "the campaign was opened")
        return cls._start(
            cls.Opened,
            campaign_id(county_id, period, name),
            stamp,
            county_id=county_id,
            period=period,
            name=name.strip(),
            mode=mode.value,
            size=plan.goal.size or 0,
            method=METHOD,
            commitment=commitment.to_data(),
            plan=plan.to_data(),
        )

    @property
    def design(self) -> Design:
        return Design(self.mode, self.size)

    @property
    def current(self) -> Round | None:
        return self.rounds[-1] if self.rounds else None

    @property
    def seed(self) -> str | None:
        """The first round's seed."""
        return self.rounds[0].seed if self.rounds else None

    @property
    def seed_source(self) -> str | None:
        return self.rounds[0].source if self.rounds else None

    @property
    def sample(self) -> list[Selected]:
        """Every round's sample, round after round."""
        return [s for r in self.rounds for s in r.sample]

    def freeze_frame(self, stamp: Stamp, entries: Sequence[FrameEntry]) -> None:
        """Fix the first round's size from the plan, then record the frame and its hash;
        after this nothing can change the frame."""
        self._check_stage(Stage.OPENED, "freeze the frame of")
        if self.commitment is not None:
            self.commitment.check_unknown_at(stamp.at, "the frame was frozen")
        if self.plan is not None:
            size = self.plan.goal.size_for(len(entries)) if entries else 1
            self._emit(self.SizeFixed, stamp, frame_size=len(entries), size=size)
        frame = check_frame(self.design, entries)
        self._emit(
            self.FrameFrozen,
            stamp,
            entries=[e.to_data() for e in frame],
            frame_hash=frame_hash(self.design, frame),
        )

    def enter_seed(self, stamp: Stamp, seed: str, source: str) -> None:
        """Record the round's seed; it must keep to the round's commitment (for a public
        draw: its result, entered once it is held). The source defaults to the draw named."""
        current = self.current
        if self.stage not in (Stage.FROZEN, Stage.ESCALATED) or current is None or current.full:
            self._check_stage(Stage.FROZEN, "enter a seed for")
        assert current is not None
        if current.commitment is None:
            raise FieldError(
                "seed",
                "this campaign was opened without a commitment, so no seed can be shown to "
                "be fixed before the frame; open a new campaign",
                "该抽查立项时未承诺随机种子，无法证明种子先于抽样框确定，请重新立项。",
            )
        current.commitment.check_reveal(check_seed(seed), stamp.at, current.fixed_at)
        told = source.strip() or current.commitment.source
        self._emit(
            self.SeedEntered,
            stamp,
            seed=seed,
            source=require_reason(told, "enter a seed (say where it comes from)"),
        )

    def draw(self, stamp: Stamp) -> None:
        """Draw the round from the recorded frame less earlier rounds, and its seed."""
        current = self.current
        full_check = self.stage is Stage.ESCALATED and current is not None and current.full
        if not full_check:
            self._check_stage(Stage.SEEDED, "draw the sample of")
        assert current is not None and self.frame_hash is not None
        earlier = [s.assessment_id for r in self.rounds[:-1] for s in r.sample]
        selected = draw_round(self.mode, self.frame, earlier, current.size, current.seed or "")
        self._emit(
            self.SampleDrawn,
            stamp,
            frame_hash=self.frame_hash,
            selected=[s.to_data() for s in selected],
        )

    def escalate(
        self, stamp: Stamp, findings: Mapping[UUID, str], commitment: Commitment | None
    ) -> None:
        """Start the next round as the plan says, when the current round's findings pass its
        threshold; a further round needs a fresh commitment, made now."""
        self._check_stage(Stage.DRAWN, "escalate")
        rule = self._rule_passed(findings)
        if rule is None:
            raise DomainError(self._below(findings))
        if rule.then is FollowUp.ROUND:
            if commitment is None:
                raise FieldError(
                    "commitment",
                    "a further round needs a fresh commitment to its seed",
                    "再抽一轮须重新承诺随机种子（SHA-256 或之后开奖的公开随机数）。",
                )
            commitment.check_unknown_at(stamp.at, "the escalation")
        assert self.current is not None
        in_round = self._round_findings(findings)
        self._emit(
            self.Escalated,
            stamp,
            round=self.current.number,
            findings=in_round,
            serious=rule.serious(in_round.values()),
            above=rule.above,
            then=rule.then.value,
            size=rule.size,
            commitment=None
            if rule.then is FollowUp.FULL or commitment is None
            else commitment.to_data(),
        )

    def close(self, stamp: Stamp, findings: Mapping[UUID, str]) -> None:
        """Close with each sampled assessment's finding (none, error or falsification);
        refused while the last round's findings call for the plan's escalation."""
        self._check_stage(Stage.DRAWN, "close")
        self._round_findings(findings)
        if self._rule_passed(findings) is not None:
            raise DomainError(
                f"round {self.rounds[-1].number}'s findings pass the plan's threshold: "
                "escalate as the plan says before closing"
            )
        sampled = {s.assessment_id for s in self.sample}
        missing = sorted(str(a) for a in sampled - set(findings))
        if missing:
            raise DomainError(f"cannot close: no finding yet for {', '.join(missing)}")
        extra = sorted(str(a) for a in set(findings) - sampled)
        if extra:
            raise DomainError(f"cannot close: {', '.join(extra)} are not in the sample")
        self._emit(
            self.Closed, stamp, findings={str(a): findings[a] for a in sorted(findings, key=str)}
        )

    def sampled(self, assessment_id: UUID) -> bool:
        return any(s.assessment_id == assessment_id for s in self.sample)

    def _round_findings(self, findings: Mapping[UUID, str]) -> dict[str, str]:
        assert self.current is not None
        return round_findings(self.current, findings)

    def _rule_passed(self, findings: Mapping[UUID, str]) -> Escalation | None:
        assert self.current is not None
        return due_escalation(self.plan, self.current, findings, self.frame, self.sample)

    def _below(self, findings: Mapping[UUID, str]) -> str:
        rule = None if self.plan is None else self.plan.escalation
        if rule is None:
            return "cannot escalate: the campaign's plan states no escalation"
        serious = rule.serious(self._round_findings(findings).values())
        return (
            f"cannot escalate: {serious} finding(s) of error or falsification in this round, "
            f"the plan escalates above {rule.above} (or no sheet is left to draw)"
        )

    def _check_stage(self, stage: Stage, action: str) -> None:
        if self.stage is not stage:
            raise DomainError(
                f"cannot {action} a campaign that is {self.stage.value}; "
                f"allowed when it is {stage.value}"
            )
