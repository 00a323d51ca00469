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
from domain.sampling import FrameEntry, draw, frame_hash

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
        """Recompute the frame hash and the sample from the recorded frame and seed, and
        check each frame entry against its assessment's event at the recorded version."""
        c = self._load(cid)
        if c.frame_hash is None:
            return Verification(cid, False, ("the frame is not frozen yet",), None, None, 0)
        recomputed = frame_hash(c.design, c.frame)
        differences: list[str] = []
        if recomputed != c.frame_hash:
            differences.append(f"frame hash: recorded {c.frame_hash}, recomputed {recomputed}")
        differences += self._content_differences(c.frame)
        if c.seed is None or not c.sample:
            differences.append(f"no sample to compare: the campaign is {c.stage.value}")
            return Verification(cid, False, tuple(differences), c.frame_hash, recomputed, 0)
        redrawn = {s.assessment_id: s for s in draw(c.design, c.frame, c.seed)}
        recorded = {s.assessment_id: s for s in c.sample}
        for aid in sorted(set(recorded) - set(redrawn), key=str):
            differences.append(f"{aid} is in the recorded sample but not in the redrawn one")
        for aid in sorted(set(redrawn) - set(recorded), key=str):
            differences.append(f"{aid} is in the redrawn sample but not in the recorded one")
        for aid in sorted(set(redrawn) & set(recorded), key=str):
            if redrawn[aid] != recorded[aid]:
                differences.append(
                    f"{aid}: recorded probability {recorded[aid].probability}, ticket "
                    f"{recorded[aid].ticket}; redrawn {redrawn[aid].probability}, "
                    f"{redrawn[aid].ticket}"
                )
        return Verification(
            cid, not differences, tuple(differences), c.frame_hash, recomputed, len(recorded)
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
