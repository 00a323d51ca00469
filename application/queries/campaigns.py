"""Queries on spot-check campaigns: the list a caller may read, with each county named."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.authorization import Action, Authorizer, Caller
from application.read_ports import CampaignRecord, ReadModels, UnitRecord


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
