"""Guarded spot-check use cases: a county's auditors run its campaigns and record findings on
its sheets; the levels above read them; stations and towns see neither."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

from application.actor import Actor
from application.authorization import Action, Caller, Target
from application.campaigns import Verification
from application.errors import ConflictError
from application.runner import Command, Outcome
from domain.campaign import Campaign, Stage
from domain.ids import unit_id

if TYPE_CHECKING:
    from application.guarded import Gate

Candidates = Mapping[UUID, Decimal] | Sequence[UUID]
"""A frame's assessment ids, with weights for the weighted mode."""

STAGE_OF: Mapping[Action, tuple[Stage, str]] = {
    Action.FREEZE_FRAME: (Stage.OPENED, "freeze the frame of"),
    Action.ENTER_SEED: (Stage.FROZEN, "enter a seed for"),
    Action.DRAW_SAMPLE: (Stage.SEEDED, "draw the sample of"),
    Action.CLOSE_CAMPAIGN: (Stage.DRAWN, "close"),
}
"""The stage a campaign must be at for each step (the campaign refuses the others too)."""


class GuardedCampaigns:
    """Campaigns as callers ask for them; every read and step needs a grant over the county."""

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

    def open(
        self, caller: Caller, county: str, period: str, name: str, mode: str, size: int
    ) -> Outcome:
        where = Target(f"unit:{county}", unit_id(county))
        command = self.gate.command(caller, self.gate.actor(caller, Action.OPEN_CAMPAIGN, where))
        args = {"county": county, "period": period, "name": name, "mode": mode, "size": size}
        replayed = self.gate.replayed(command, "open_campaign", args)
        return replayed or self.service.open(command, county, period, name, mode, size)

    def freeze_frame(
        self, caller: Caller, cid: UUID, choose: Callable[[Campaign], Candidates]
    ) -> Outcome:
        """Freeze the frame `choose` gives for the campaign (asked only once authorized)."""
        command, campaign = self._step(caller, Action.FREEZE_FRAME, cid)
        return self.service.freeze_frame(command, cid, choose(campaign))

    def enter_seed(self, caller: Caller, cid: UUID, seed: str, source: str) -> Outcome:
        command, _ = self._step(caller, Action.ENTER_SEED, cid)
        return self.service.enter_seed(command, cid, seed, source)

    def draw(self, caller: Caller, cid: UUID) -> Outcome:
        return self.service.draw(self._step(caller, Action.DRAW_SAMPLE, cid)[0], cid)

    def close(self, caller: Caller, cid: UUID) -> Outcome:
        return self.service.close(self._step(caller, Action.CLOSE_CAMPAIGN, cid)[0], cid)

    # Internals ------------------------------------------------------------------------

    def _step(self, caller: Caller, action: Action, cid: UUID) -> tuple[Command, Campaign]:
        """Authorized, at the version the caller read, and at the stage the step needs
        (a campaign at another stage is a conflict: its steps run once, in order)."""
        current = self.service.get(cid)
        actor = self.gate.actor(caller, action, _target(current))
        command = self.gate.command(caller, actor, current.version)
        wanted, verb = STAGE_OF[action]
        if current.stage is not wanted and not self.gate.repeats(caller):
            raise ConflictError(
                f"cannot {verb} a campaign that is {current.stage.value}; "
                f"allowed when it is {wanted.value}"
            )
        return command, current


def _target(c: Campaign) -> Target:
    return Target(f"campaign:{c.id}", c.county_id)
