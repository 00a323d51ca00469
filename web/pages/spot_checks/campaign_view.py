"""What the campaign page shows: the frame (or the sheets it would take), the sample with
each sheet's inclusion probability and finding, and the recomputed draw."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from uuid import UUID

from application.campaigns import Verification
from application.commands.campaigns import weights_of
from domain.campaign import Campaign, Stage
from domain.sampling import FrameEntry
from projections.numbers import fraction_text
from web.context import queries
from web.pages.base import page_caller
from web.pages.spot_checks.blueprint import unit_name
from web.resources.campaigns.steps import frame_of


@dataclass(frozen=True)
class FrameLine:
    """A sheet of the frame: its station and town, version, content hash and weight."""

    assessment_id: UUID
    station: str
    town: str
    version: int
    content_hash: str
    weight: Decimal


@dataclass(frozen=True)
class SampleLine:
    """A drawn sheet: where it is from, its inclusion probability, ticket and finding."""

    assessment_id: UUID
    station: str
    town: str
    probability: Fraction
    ticket: str
    finding: str | None
    note: str

    @property
    def percent(self) -> str:
        return fraction_text(self.probability)


@dataclass(frozen=True)
class CampaignView:
    campaign: Campaign
    county: str
    frame: list[FrameLine]
    candidates: list[FrameLine]
    """Before the frame is frozen: the sheets freezing would take now."""
    sample: list[SampleLine]
    verification: Verification | None

    @property
    def missing(self) -> int:
        """Sampled sheets without a finding yet (the campaign closes only without any)."""
        return sum(1 for s in self.sample if s.finding is None)


def campaign_view(c: Campaign) -> CampaignView:
    drawn = bool(c.sample)
    return CampaignView(
        c,
        unit_name(c.county_id),
        sorted(map(frame_line, c.frame), key=lambda f: (f.town, f.station)),
        candidates(c) if c.stage is Stage.OPENED else [],
        sample_lines(c),
        queries().campaigns.verify(page_caller(), c.id) if drawn else None,
    )


def frame_line(e: FrameEntry) -> FrameLine:
    return FrameLine(
        e.assessment_id,
        unit_name(e.unit_id),
        unit_name(e.town_id),
        e.version,
        e.content_hash,
        e.weight,
    )


def candidates(c: Campaign) -> list[FrameLine]:
    """The approved sheets freezing would take now (as the API's frame step chooses them),
    each at its current version and content hash."""
    weights = weights_of(frame_of({}, c))
    found = []
    for aid, weight in weights.items():
        a = queries().assessments.sheet(page_caller(), aid)
        station = queries().units.row(a.unit_id)
        town = queries().units.row(station.parent_id) if station and station.parent_id else None
        found.append(
            FrameLine(
                aid,
                station.name if station else "",
                town.name if town else "",
                a.version,
                a.last_hash,
                weight,
            )
        )
    return sorted(found, key=lambda f: (f.town, f.station))


def sample_lines(c: Campaign) -> list[SampleLine]:
    by_sheet = {e.assessment_id: e for e in c.frame}
    found = []
    for s in c.sample:
        entry = by_sheet[s.assessment_id]
        finding, note = latest_finding(c, s.assessment_id)
        found.append(
            SampleLine(
                s.assessment_id,
                unit_name(entry.unit_id),
                unit_name(entry.town_id),
                s.probability,
                s.ticket,
                finding,
                note,
            )
        )
    return sorted(found, key=lambda s: (s.town, s.station))


def latest_finding(c: Campaign, aid: UUID) -> tuple[str | None, str]:
    """The sheet's latest finding and its note (a closed campaign keeps the one it closed
    with; the note is the sheet's)."""
    recorded = queries().assessments.sheet(page_caller(), aid).findings
    latest = recorded[-1] if recorded else None
    finding = c.findings.get(str(aid)) if c.stage is Stage.CLOSED else None
    if finding is None and latest is not None:
        finding = latest.finding
    return finding, latest.note if latest else ""
