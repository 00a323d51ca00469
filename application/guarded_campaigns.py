"""Guarded spot-check reads, and a finding on a sampled sheet with its consequence."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from application.actor import Actor
from application.authorization import Action, Caller, Target
from application.campaigns import Verification
from domain.campaign import Campaign
from domain.ids import unit_id

if TYPE_CHECKING:
    from application.guarded import Gate


class GuardedCampaigns:
    """Campaigns as callers read them, and findings (both need a grant over the county); a
    campaign's steps are commands (application.commands.campaigns)."""

    def __init__(self, gate: Gate) -> None:
        self.gate = gate
        self.service = gate.kaohe.campaigns

    # Reading --------------------------------------------------------------------------

    def get(self, caller: Caller, cid: UUID, as_of: datetime | None = None) -> Campaign:
        current = self.service.get(cid)
        self.gate.actor(caller, Action.READ_CAMPAIGNS, _target(current))
        return current if as_of is None else self.service.get(cid, as_of=as_of)

    def verify(self, caller: Caller, cid: UUID) -> Verification:
        return self.service.verify(self.get(caller, cid).id)

    def check_risk(self, caller: Caller, county: str) -> Actor:
        """Authorize reading a county's risk report (the unit need not exist yet)."""
        return self.gate.actor(caller, Action.READ_RISK, Target(f"risk:{county}", unit_id(county)))

    # Steps ----------------------------------------------------------------------------


def _target(c: Campaign) -> Target:
    return Target(f"campaign:{c.id}", c.county_id)
