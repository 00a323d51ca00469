"""Queries on spot-check campaigns: the list a caller may read, with each county named."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from application.actor import Actor
from application.authorization import Action, Authorizer, Caller, Target
from application.campaigns import Verification
from application.read_ports import CampaignRecord, ReadModels, UnitRecord
from domain.campaign import Campaign
from domain.ids import unit_id


@dataclass(frozen=True)
class CampaignLine:
    """One campaign as the lists show it (mode and stage as their stored values)."""

    id: UUID
    county: str | None
    county_name: str
    period: str
    name: str
    mode: str
    size: int
    method: str
    stage: str
    version: int
    frame_size: int
    frame_hash: str | None
    sampled: int


class CampaignQueries:
    """Campaigns as callers read them."""

    def __init__(self, auth: Authorizer, models: ReadModels) -> None:
        self.auth = auth
        self.models = models

    def campaign(self, caller: Caller, cid: UUID, as_of: datetime | None = None) -> Campaign:
        """The campaign now, or as it stood at `as_of`; read access is decided on its
        county now (so an old version cannot be read by someone refused the current one)."""
        read = self.models.campaign_aggregates()
        current = read.get(cid)
        self.auth.actor(caller, Action.READ_CAMPAIGNS, Target(f"campaign:{cid}", current.county_id))
        return current if as_of is None else read.get(cid, as_of=as_of)

    def verify(self, caller: Caller, cid: UUID) -> Verification:
        """The campaign's draw redone from its recorded frame and seed."""
        return self.models.campaign_aggregates().verify(self.campaign(caller, cid).id)

    def check_risk(self, caller: Caller, county: str) -> Actor:
        """Authorize reading a county's risk report (the unit need not exist yet)."""
        return self.auth.actor(caller, Action.READ_RISK, Target(f"risk:{county}", unit_id(county)))

    def visible(self, caller: Caller) -> list[CampaignRecord]:
        """The campaigns of counties in the caller's subtrees, oldest first (refused: none)."""
        roots = self.auth.roots(caller, Action.READ_CAMPAIGNS, "campaigns")
        tree = self.models.units()
        reach = frozenset().union(*(tree.subtree(g.unit_id) for g in roots))
        return [c for c in self.models.campaigns().all_campaigns() if c.county_id in reach]

    def lines(self, caller: Caller) -> list[CampaignLine]:
        """The visible campaigns as the lists show them, oldest first (refused: none)."""
        found = self.visible(caller)
        tree = self.models.units()
        return [_line(c, tree.unit(c.county_id)) for c in found]


def _line(c: CampaignRecord, county: UnitRecord | None) -> CampaignLine:
    code, name = (None, "") if county is None else (county.code, county.name)
    return CampaignLine(
        *(c.campaign_id, code, name, c.period, c.name, c.mode, c.size, c.method, c.stage),
        *(c.version, c.frame_size, c.frame_hash, c.sampled),
    )
