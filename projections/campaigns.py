"""The campaigns read model: each spot-check campaign's county, period, stage, frame and sample."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any, Protocol
from uuid import UUID

from domain.campaign import Campaign, Stage
from projections.processing import HandledProcessor

CAMPAIGNS = "campaigns"


@dataclass(frozen=True)
class CampaignRow:
    """A campaign as it stands after its last event; `opened_position` orders campaigns as
    they were opened."""

    campaign_id: UUID
    county_id: UUID
    period: str
    name: str
    stage: str
    mode: str
    size: int
    opened_at: datetime
    closed_at: datetime | None
    opened_position: int
    version: int
    position: int
    method: str = ""
    frame_size: int = 0
    frame_hash: str | None = None
    sampled: int = 0


class CampaignsView(Protocol):
    """What the campaigns processor writes (and reads back) in one batch."""

    def campaign(self, campaign_id: UUID) -> CampaignRow | None: ...

    def put_campaign(self, campaign: CampaignRow) -> None:
        """Insert or replace the campaign's row."""
        ...


class CampaignsReader(Protocol):
    """The read side of the campaigns view."""

    def campaign(self, campaign_id: UUID) -> CampaignRow | None: ...

    def all_campaigns(self) -> list[CampaignRow]:
        """Every campaign, in the order they were opened."""
        ...


Handler = Callable[[Any, int, CampaignsView], None]


def _opened(e: Campaign.Opened, position: int, view: CampaignsView) -> None:
    row = CampaignRow(
        *(e.originator_id, e.county_id, e.period, e.name, Stage.OPENED.value, e.mode, e.size),
        *(e.timestamp, None, position, e.originator_version, position),
        method=e.method,
    )
    view.put_campaign(row)


def _change(e: Any, position: int, view: CampaignsView, **fields: Any) -> None:
    current = view.campaign(e.originator_id)
    if current is None:
        msg = f"campaign {e.originator_id} changed at position {position} before it was opened"
        raise LookupError(msg)
    changed = replace(current, version=e.originator_version, position=position, **fields)
    view.put_campaign(changed)


def _sampled(e: Any, view: CampaignsView) -> int:
    """The sheets drawn in earlier rounds."""
    current = view.campaign(e.originator_id)
    return 0 if current is None else current.sampled


HANDLERS: Mapping[type, Handler] = {
    Campaign.Opened: _opened,
    Campaign.FrameFrozen: lambda e, p, v: _change(
        e, p, v, stage=Stage.FROZEN.value, frame_size=len(e.entries), frame_hash=e.frame_hash
    ),
    Campaign.SeedEntered: lambda e, p, v: _change(e, p, v, stage=Stage.SEEDED.value),
    Campaign.SampleDrawn: lambda e, p, v: _change(
        e, p, v, stage=Stage.DRAWN.value, sampled=_sampled(e, v) + len(e.selected)
    ),
    Campaign.SizeFixed: lambda e, p, v: _change(e, p, v, size=e.size),
    Campaign.Escalated: lambda e, p, v: _change(e, p, v, stage=Stage.ESCALATED.value),
    Campaign.Closed: lambda e, p, v: _change(
        e, p, v, stage=Stage.CLOSED.value, closed_at=e.timestamp
    ),
}


class Campaigns(HandledProcessor[CampaignsView]):
    """The campaigns processor: one row per campaign."""

    name = CAMPAIGNS
    handlers = HANDLERS
    revision = 2  # 2: the method, the frozen frame's size and hash, the sample's size
