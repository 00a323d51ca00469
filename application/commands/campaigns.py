"""The campaign commands: open, then freeze the frame, enter the seed, draw, close, in order."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import ClassVar
from uuid import UUID

from application.authorization import Action, Target
from application.commands.base import Command
from domain.audit import AuditedAggregate
from domain.campaign import Campaign
from domain.campaign_plan import Plan
from domain.commitment import Commitment
from domain.ids import unit_id

Candidates = Mapping[UUID, Decimal] | Sequence[UUID]
"""A frame's assessment ids, with weights for the weighted mode."""


@dataclass(frozen=True, kw_only=True)
class OpenCampaign(Command):
    """Open a campaign of a county for a period: its name, mode, plan (how the first round
    is sized, when it escalates) and the commitment its first seed must keep."""

    step = Action.OPEN_CAMPAIGN
    name = "open_campaign"
    county: str
    period: str
    campaign_name: str
    mode: str
    plan: Plan
    commitment: Commitment

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        return [Target(f"unit:{self.county}", unit_id(self.county))]


@dataclass(frozen=True, kw_only=True)
class CampaignStep(Command):
    """A step of one campaign, authorized on its county."""

    subject_type: ClassVar[type[AuditedAggregate] | None] = Campaign
    campaign_id: UUID

    def subject_id(self) -> UUID | None:
        return self.campaign_id

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        assert isinstance(subject, Campaign)
        return [Target(f"campaign:{subject.id}", subject.county_id)]


@dataclass(frozen=True, kw_only=True)
class FreezeFrame(CampaignStep):
    """Freeze the frame: each sheet named with its weight (1 outside the weighted mode)."""

    step = Action.FREEZE_FRAME
    name = "freeze_frame"
    weights: Mapping[UUID, Decimal]


@dataclass(frozen=True, kw_only=True)
class EnterSeed(CampaignStep):
    """Enter the round's seed, which must keep to its commitment, and where it came from
    (for a public draw, empty: the draw named in the commitment)."""

    step = Action.ENTER_SEED
    name = "enter_seed"
    seed: str
    source: str


@dataclass(frozen=True, kw_only=True)
class EscalateCampaign(CampaignStep):
    """Start the next round as the plan said, the current round's findings having passed its
    threshold; a further round comes with a fresh commitment (None for a full check)."""

    step = Action.ESCALATE_CAMPAIGN
    name = "escalate_campaign"
    commitment: Commitment | None = None


@dataclass(frozen=True, kw_only=True)
class DrawSample(CampaignStep):
    step = Action.DRAW_SAMPLE
    name = "draw_sample"


@dataclass(frozen=True, kw_only=True)
class CloseCampaign(CampaignStep):
    """Close with each sampled sheet's latest finding."""

    step = Action.CLOSE_CAMPAIGN
    name = "close_campaign"


def weights_of(candidates: Candidates) -> dict[UUID, Decimal]:
    """A frame's sheets with their weights: as given, or each weighing 1."""
    if isinstance(candidates, Mapping):
        return dict(candidates)
    return dict.fromkeys(candidates, Decimal(1))
