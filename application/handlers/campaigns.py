"""The campaign handlers: each step checks the stage it needs, then calls the campaign."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

from application.commands import campaigns as c
from application.context import Context
from application.errors import ConflictError, StepOutOfOrderError
from domain.assessment import Assessment
from domain.campaign import Campaign, Stage, campaign_id
from domain.errors import DomainError
from domain.ids import unit_id
from domain.rubric import UnitLevel
from domain.sampling import FrameEntry, Mode
from domain.unit import Unit
from domain.workflow import Status

STAGE_OF: Mapping[type[c.CampaignStep], tuple[tuple[Stage, ...], str]] = {
    c.FreezeFrame: ((Stage.OPENED,), "freeze the frame of"),
    c.EnterSeed: ((Stage.FROZEN, Stage.ESCALATED), "enter a seed for"),
    c.DrawSample: ((Stage.SEEDED, Stage.ESCALATED), "draw the sample of"),
    c.EscalateCampaign: ((Stage.DRAWN,), "escalate"),
    c.CloseCampaign: ((Stage.DRAWN,), "close"),
}
"""The stages each step needs; at another a step is a conflict: steps run once, in order
(a round after the first starts escalated, and a full check is drawn without a seed)."""


def at_stage(cmd: c.CampaignStep, campaign: Campaign) -> None:
    wanted, verb = STAGE_OF[type(cmd)]
    if campaign.stage not in wanted:
        raise StepOutOfOrderError(
            f"cannot {verb} a campaign that is {campaign.stage.value}; "
            f"allowed when it is {' or '.join(w.value for w in wanted)}"
        )


def open_campaign(cmd: c.OpenCampaign, ctx: Context) -> list[Campaign]:
    county = ctx.uow.load(Unit, unit_id(cmd.county), f"unit {cmd.county}")
    if county.level is not UnitLevel.COUNTY:
        raise DomainError(f"{cmd.county} is a {county.level.value} unit, not a county")
    if cmd.mode not in {m.value for m in Mode}:
        raise DomainError(f"mode {cmd.mode!r} is unknown; allowed: {', '.join(Mode)}")
    cid = campaign_id(county.id, cmd.period, cmd.campaign_name)
    if ctx.uow.find(Campaign, cid) is not None:
        raise ConflictError(
            f"{cmd.county} already has campaign {cmd.campaign_name!r} for {cmd.period}: {cid}"
        )
    mode = Mode(cmd.mode)
    opened = Campaign.open(
        ctx.stamp, county.id, cmd.period, cmd.campaign_name, mode, cmd.plan, cmd.commitment
    )
    return [opened]


def freeze_frame(cmd: c.FreezeFrame, campaign: Campaign, ctx: Context) -> None:
    """Each sheet must be an approved sheet of the period under a town of the county; it is
    recorded with its current version and last event hash."""
    at_stage(cmd, campaign)
    entries = [entry(campaign, aid, weight, ctx) for aid, weight in cmd.weights.items()]
    campaign.freeze_frame(ctx.stamp, entries)


def entry(campaign: Campaign, aid: UUID, weight: Decimal, ctx: Context) -> FrameEntry:
    a = ctx.uow.load(Assessment, aid, f"assessment {aid}")
    if a.status is not Status.APPROVED:
        raise DomainError(f"assessment {aid} is {a.status.value}; the frame takes approved")
    if a.period != campaign.period:
        raise DomainError(f"assessment {aid} is for {a.period}, not {campaign.period}")
    station = ctx.uow.load(Unit, a.unit_id, f"unit {a.unit_id}")
    parent = station.parent_id
    town = ctx.uow.load(Unit, parent, f"unit {parent}") if parent else None
    if town is None or town.level is not UnitLevel.TOWN or town.parent_id != campaign.county_id:
        raise DomainError(
            f"assessment {aid} ({station.code}) is not a station under a town of this county"
        )
    return FrameEntry(aid, station.id, town.id, a.version, a.last_hash, weight)


def enter_seed(cmd: c.EnterSeed, campaign: Campaign, ctx: Context) -> None:
    at_stage(cmd, campaign)
    campaign.enter_seed(ctx.stamp, cmd.seed, cmd.source)


def draw_sample(cmd: c.DrawSample, campaign: Campaign, ctx: Context) -> None:
    at_stage(cmd, campaign)
    campaign.draw(ctx.stamp)


def latest_findings(campaign: Campaign, ctx: Context) -> dict[UUID, str]:
    """Each sampled sheet's latest finding (sheets without one are left out)."""
    findings: dict[UUID, str] = {}
    for selected in campaign.sample:
        aid = selected.assessment_id
        recorded = ctx.uow.load(Assessment, aid, f"assessment {aid}").findings
        if recorded:
            findings[aid] = recorded[-1].finding
    return findings


def escalate_campaign(cmd: c.EscalateCampaign, campaign: Campaign, ctx: Context) -> None:
    at_stage(cmd, campaign)
    campaign.escalate(ctx.stamp, latest_findings(campaign, ctx), cmd.commitment)


def close_campaign(cmd: c.CloseCampaign, campaign: Campaign, ctx: Context) -> None:
    at_stage(cmd, campaign)
    campaign.close(ctx.stamp, latest_findings(campaign, ctx))


CAMPAIGN_HANDLERS: Mapping[type[Any], Callable[..., Any]] = {
    c.OpenCampaign: open_campaign,
    c.FreezeFrame: freeze_frame,
    c.EnterSeed: enter_seed,
    c.DrawSample: draw_sample,
    c.EscalateCampaign: escalate_campaign,
    c.CloseCampaign: close_campaign,
}
