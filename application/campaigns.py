"""Use cases for spot checks: campaigns (frame, seed, sample, close) and their verification."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from eventsourcing.utils import get_topic

from application.assessments import AssessmentService
from application.errors import ConflictError
from application.runner import Command, CommandRunner, Outcome
from application.units import UnitService
from domain.assessment import Assessment
from domain.audit import Stamp
from domain.campaign import Campaign, campaign_id
from domain.errors import DomainError
from domain.rubric import UnitLevel
from domain.sampling import FrameEntry, Mode, draw, frame_hash
from domain.workflow import Status

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
    """Campaigns run in order: open, freeze the frame, enter the seed, draw, close. Every
    step is one command against the caller's expected version."""

    def __init__(
        self, runner: CommandRunner, units: UnitService, assessments: AssessmentService
    ) -> None:
        self.runner = runner
        self.units = units
        self.assessments = assessments

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

    # Commands ---------------------------------------------------------------------------

    def open(
        self, command: Command, county_code: str, period: str, name: str, mode: str, size: int
    ) -> Outcome:
        county = self.units.get(county_code)
        if county.level is not UnitLevel.COUNTY:
            raise DomainError(f"{county_code} is a {county.level.value} unit, not a county")
        if mode not in {m.value for m in Mode}:
            raise DomainError(f"mode {mode!r} is unknown; allowed: {', '.join(Mode)}")
        cid = campaign_id(county.id, period, name)
        if self.runner.find(Campaign, cid) is not None:
            raise ConflictError(f"{county_code} already has campaign {name!r} for {period}: {cid}")
        args = {"county": county_code, "period": period, "name": name, "mode": mode, "size": size}

        def change(stamp: Stamp) -> list[Campaign]:
            return [Campaign.open(stamp, county.id, period, name, Mode(mode), size)]

        return self.runner.run(command, "open_campaign", args, change)

    def freeze_frame(
        self, command: Command, cid: UUID, candidates: Mapping[UUID, Decimal] | Sequence[UUID]
    ) -> Outcome:
        """Freeze the frame: the candidates (assessment ids, with weights for the weighted
        mode) are each checked to be an approved sheet of the period under a town of the
        county, and recorded with their current version and last event hash."""
        campaign = self._load(cid)
        weights = (
            dict(candidates)
            if isinstance(candidates, Mapping)
            else dict.fromkeys(candidates, Decimal(1))
        )
        entries = [self._entry(campaign, aid, w) for aid, w in weights.items()]
        args = {"id": str(cid), "entries": [e.to_data() for e in entries]}
        return self.runner.update(
            command, "freeze_frame", args, campaign, lambda s: campaign.freeze_frame(s, entries)
        )

    def enter_seed(self, command: Command, cid: UUID, seed: str, source: str) -> Outcome:
        campaign = self._load(cid)
        args = {"id": str(cid), "seed": seed, "source": source}
        return self.runner.update(
            command, "enter_seed", args, campaign, lambda s: campaign.enter_seed(s, seed, source)
        )

    def draw(self, command: Command, cid: UUID) -> Outcome:
        campaign = self._load(cid)
        return self.runner.update(
            command, "draw_sample", {"id": str(cid)}, campaign, lambda s: campaign.draw(s)
        )

    def close(self, command: Command, cid: UUID) -> Outcome:
        """Close with each sampled assessment's latest finding."""
        campaign = self._load(cid)
        findings: dict[UUID, str] = {}
        for selected in campaign.sample:
            recorded = self.assessments.get(selected.assessment_id).findings
            if recorded:
                findings[selected.assessment_id] = recorded[-1]["finding"]
        args = {"id": str(cid), "findings": {str(a): f for a, f in findings.items()}}
        return self.runner.update(
            command, "close_campaign", args, campaign, lambda s: campaign.close(s, findings)
        )

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

    def _entry(self, campaign: Campaign, aid: UUID, weight: Decimal) -> FrameEntry:
        a = self.assessments.get(aid)
        if a.status is not Status.APPROVED:
            raise DomainError(f"assessment {aid} is {a.status.value}; the frame takes approved")
        if a.period != campaign.period:
            raise DomainError(f"assessment {aid} is for {a.period}, not {campaign.period}")
        station = self.units.get_by_id(a.unit_id)
        town = self.units.get_by_id(station.parent_id) if station.parent_id else None
        if town is None or town.level is not UnitLevel.TOWN or town.parent_id != campaign.county_id:
            raise DomainError(
                f"assessment {aid} ({station.code}) is not a station under a town of this county"
            )
        return FrameEntry(aid, station.id, town.id, a.version, a.last_hash, weight)

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
