"""Queries on spot-check campaigns: the list a caller may read."""

from __future__ import annotations

from application.authorization import Action, Authorizer, Caller
from application.read_ports import CampaignRecord, ReadModels


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
