"""The rounds of a campaign: each with its own committed randomness, drawn from the frame less
the sheets earlier rounds drew (a full check takes them all, with no randomness)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Any
from uuid import UUID

from domain.campaign_plan import Escalation, Plan
from domain.commitment import Commitment
from domain.errors import DomainError
from domain.evidence import FINDINGS
from domain.sampling import Design, FrameEntry, Mode, Selected, draw


@dataclass
class Round:
    """One round: its size (None: a full check of what is left), the commitment its seed must
    keep, when its randomness had to be still unknown (`fixed_at`: the frame's freezing for
    the first round, the escalation for later ones), its seed and its sample."""

    number: int
    size: int | None
    commitment: Commitment | None
    fixed_at: datetime
    seed: str | None = None
    source: str | None = None
    seeded_at: datetime | None = None
    sample: list[Selected] = field(default_factory=list)

    @property
    def full(self) -> bool:
        return self.size is None

    def to_data(self) -> dict[str, Any]:
        """The round as plain data, its sample counted."""
        return {
            "number": self.number,
            "size": self.size,
            "commitment": None if self.commitment is None else self.commitment.to_data(),
            "fixed_at": self.fixed_at.isoformat(),
            "seed": self.seed,
            "source": self.source,
            "seeded_at": None if self.seeded_at is None else self.seeded_at.isoformat(),
            "sampled": len(self.sample),
        }


def remaining(frame: Sequence[FrameEntry], drawn: Iterable[UUID]) -> list[FrameEntry]:
    """The frame less the sheets already drawn."""
    taken = set(drawn)
    return [e for e in frame if e.assessment_id not in taken]


def draw_round(
    mode: Mode, frame: Sequence[FrameEntry], earlier: Iterable[UUID], size: int | None, seed: str
) -> list[Selected]:
    """The round's sample from the sheets not drawn before: by the campaign's mode with the
    round's size and seed, or (a full check) every one of them with probability 1."""
    left = remaining(frame, earlier)
    if not left:
        return []
    if size is None:
        ordered = sorted(left, key=lambda e: str(e.assessment_id))
        return [Selected(e.assessment_id, Fraction(1), "") for e in ordered]
    return draw(Design(mode, size), left, seed)


def round_findings(current: Round, findings: Mapping[UUID, str]) -> dict[str, str]:
    """The round's findings, all present and known, by assessment id text."""
    ids = [s.assessment_id for s in current.sample]
    missing = sorted(str(a) for a in ids if a not in findings)
    if missing:
        raise DomainError(f"no finding yet for {', '.join(missing)}")
    unknown = sorted({f for f in findings.values() if f not in FINDINGS})
    if unknown:
        raise DomainError(f"findings {', '.join(unknown)} are unknown; allowed: {FINDINGS}")
    return {str(a): findings[a] for a in sorted(ids, key=str)}


def due_escalation(
    plan: Plan | None,
    current: Round,
    findings: Mapping[UUID, str],
    frame: Sequence[FrameEntry],
    drawn: Iterable[Selected],
) -> Escalation | None:
    """The plan's escalation, if the round's findings (all in) pass it and sheets are left."""
    rule = None if plan is None else plan.escalation
    in_round = round_findings(current, findings).values()
    left = remaining(frame, (s.assessment_id for s in drawn))
    if rule is None or not rule.passed(in_round) or not left:
        return None
    return rule
