"""Spot checks: campaigns as they stand or stood, and their draws verified."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from eventsourcing.utils import get_topic

from application.runner import StoredAggregates
from domain.assessment import Assessment
from domain.campaign import Campaign
from domain.campaign_rounds import Round, draw_round
from domain.sampling import FrameEntry, Selected, frame_hash

PAGE = 1000


@dataclass(frozen=True)
class Verification:
    """The outcome of redrawing a campaign's sample from its recorded frame and seed."""

    campaign_id: UUID
    matches: bool
    differences: tuple[str, ...]
    frame_hash: str | None
    recomputed_hash: str | None
    sample_size: int
    commitment: str = "none"
    """How the first round's seed was fixed in advance: hash, public_draw or none."""
    notes: tuple[str, ...] = ()
    """What was checked and found right, and what could not be checked (no commitment)."""

    def to_json(self) -> dict[str, object]:
        return {
            "campaign_id": str(self.campaign_id),
            "matches": self.matches,
            "differences": list(self.differences),
            "frame_hash": self.frame_hash,
            "recomputed_hash": self.recomputed_hash,
            "sample_size": self.sample_size,
            "commitment": self.commitment,
            "notes": list(self.notes),
        }


class CampaignService:
    """Campaigns as they stand or stood, and their draws verified."""

    def __init__(self, runner: StoredAggregates) -> None:
        self.runner = runner

    # Reading ----------------------------------------------------------------------------

    def get(self, cid: UUID, version: int | None = None, as_of: datetime | None = None) -> Campaign:
        return self.runner.load_at(Campaign, cid, f"campaign {cid}", version, as_of)

    def ids(self) -> list[UUID]:
        """Every campaign's id, in the order they were opened."""
        recorder, found, start = self.runner.store.recorder, [], 1
        topic = get_topic(Campaign.Opened)
        while True:
            page = recorder.select_notifications(start, PAGE, topics=[topic])
            found += [n.originator_id for n in page]
            if len(page) < PAGE:
                return [UUID(str(i)) for i in found]
            start = page[-1].id + 1

    def all(self) -> list[Campaign]:
        return [self.get(cid) for cid in self.ids()]

    # Verifying --------------------------------------------------------------------------

    def verify(self, cid: UUID) -> Verification:
        """Recompute the frame hash, the first round's size from the plan, and each round's
        sample from the recorded frame and seed; check each seed against its commitment and
        dates, and each frame entry against its assessment's event at the recorded version."""
        c = self._load(cid)
        kind = "none" if c.commitment is None else c.commitment.kind.value
        if c.frame_hash is None:
            return Verification(cid, False, ("the frame is not frozen yet",), None, None, 0, kind)
        recomputed = frame_hash(c.design, c.frame)
        differences: list[str] = []
        if recomputed != c.frame_hash:
            differences.append(f"frame hash: recorded {c.frame_hash}, recomputed {recomputed}")
        differences += self._content_differences(c.frame)
        notes = list(size_notes(c, differences))
        earlier: list[UUID] = []
        for r in c.rounds:
            notes += commitment_notes(r, differences)
            if r.sample:  # a drawn round (an undrawn one has none; a drawn one never has none)
                redrawn = draw_round(c.mode, c.frame, earlier, r.size, r.seed or "")
                differences += [f"round {r.number}: {d}" for d in compare(redrawn, r.sample)]
            earlier += [s.assessment_id for s in r.sample]
        if not c.sample:
            differences.append(f"no sample to compare: the campaign is {c.stage.value}")
        return Verification(
            cid,
            not differences,
            tuple(differences),
            c.frame_hash,
            recomputed,
            len(c.sample),
            kind,
            tuple(notes),
        )

    # Internals --------------------------------------------------------------------------

    def _load(self, cid: UUID) -> Campaign:
        return self.runner.load(Campaign, cid, f"campaign {cid}")

    def _content_differences(self, frame: Sequence[FrameEntry]) -> list[str]:
        found: list[str] = []
        for e in frame:
            what = f"assessment {e.assessment_id}"
            try:
                then = self.runner.load_at(Assessment, e.assessment_id, what, e.version)
            except LookupError:
                found.append(f"{what} is missing from the store")
                continue
            if then.version != e.version or then.last_hash != e.content_hash:
                found.append(
                    f"{what} v{e.version}: frame has {e.content_hash}, store has "
                    f"{then.last_hash} (v{then.version})"
                )
        return found


def size_notes(c: Campaign, differences: list[str]) -> list[str]:
    """The first round's size against the plan's goal for the frame's size."""
    if c.plan is None:
        return []
    wanted = c.plan.goal.size_for(len(c.frame))
    if wanted != c.size:
        differences.append(f"size: recorded {c.size}, the plan gives {wanted}")
        return []
    return [f"size {c.size} follows from the plan ({c.plan.goal.rule.value}, N = {len(c.frame)})"]


def commitment_notes(r: Round, differences: list[str]) -> list[str]:
    """The round's seed against its commitment and dates."""
    if r.full:
        return [f"round {r.number} is a full check of the sheets left: no randomness"]
    if r.commitment is None:
        return [
            f"round {r.number}: no commitment was made (the campaign was opened before "
            "commitments), so nothing shows the seed was fixed before the frame"
        ]
    if r.seed is None or r.seeded_at is None:
        return [f"round {r.number}: committed ({r.commitment.kind.value}), no seed yet"]
    problems = r.commitment.reveal_problems(r.seed, r.seeded_at, r.fixed_at)
    differences += [f"round {r.number}: {english}" for english, _ in problems]
    if problems:
        return []
    return [f"round {r.number}: the seed keeps to its commitment ({r.commitment.described})"]


def compare(redrawn: list[Selected], recorded: list[Selected]) -> list[str]:
    """Each difference between a redrawn and a recorded sample."""
    again = {s.assessment_id: s for s in redrawn}
    stored = {s.assessment_id: s for s in recorded}
    found = [
        f"{aid} is in the recorded sample but not in the redrawn one"
        for aid in sorted(set(stored) - set(again), key=str)
    ]
    found += [
        f"{aid} is in the redrawn sample but not in the recorded one"
        for aid in sorted(set(again) - set(stored), key=str)
    ]
    for aid in sorted(set(again) & set(stored), key=str):
        if again[aid] != stored[aid]:
            found.append(
                f"{aid}: recorded probability {stored[aid].probability}, ticket "
                f"{stored[aid].ticket}; redrawn {again[aid].probability}, {again[aid].ticket}"
            )
    return found
