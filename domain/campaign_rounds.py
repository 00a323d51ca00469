"""The rounds of a campaign: each with its own committed randomness, drawn from the frame less
the sheets earlier rounds drew (a full check takes them all, with no randomness)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Any
from uuid import UUID

from domain.commitment import Commitment
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
