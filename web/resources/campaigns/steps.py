"""A campaign's steps, once each and in order: freeze the frame, enter the seed, draw, close."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from application.commands.campaigns import (
    Candidates,
    CloseCampaign,
    DrawSample,
    EnterSeed,
    EscalateCampaign,
    FreezeFrame,
    weights_of,
)
from domain.campaign import Campaign
from domain.errors import FieldError
from domain.sampling import Mode
from web.context import caller, handle, queries, unit_of_work
from web.resources.campaigns.blueprint import blp, changed
from web.resources.campaigns.frame_signals import record_frame_signals
from web.resources.campaigns.plan_schemas import EscalateSchema
from web.resources.campaigns.schemas import CampaignSchema, FrameSchema, SeedSchema
from web.resources.campaigns.signal_schemas import FrozenCampaignSchema
from web.resources.common import WRITE


def frame_of(body: dict[str, Any], c: Campaign) -> Candidates:
    """The sheets asked for, or the county's approved sheets of the period from the read
    model (in the weighted mode, weighted by the period's risk report, or with `weigh_by`
    "agreement" by each town's agreement with the county's verification)."""
    given: Candidates | None = body.get("weights") or body.get("assessments")
    if given is not None:
        return given
    if body.get("weigh_by") == "agreement":
        if c.mode is not Mode.WEIGHTED:
            raise FieldError(
                "weigh_by",
                f"weigh_by 'agreement' needs a weighted campaign; this one is {c.mode.value}",
                "按初审质量加权只适用于按风险加权抽样的抽查",
            )
        return queries().spot_checks.agreement_frame(c)
    return queries().spot_checks.frame(c)


def freeze_command(body: dict[str, Any], cid: UUID) -> FreezeFrame:
    """The frame to freeze, chosen from the campaign as it stands (the bus then authorizes
    the step on the campaign's county; the frame is recorded only if it is allowed)."""
    c = unit_of_work().load(Campaign, cid, f"campaign {cid}")
    return FreezeFrame(campaign_id=cid, weights=weights_of(frame_of(body, c)))


@blp.route("/campaigns/<uuid:cid>/frame")
class FrameViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(FrameSchema, required=False)
    @blp.response(200, FrozenCampaignSchema)
    def post(self, body: dict[str, Any], cid: UUID) -> Any:
        """Freeze the frame: the sheets named (with weights in the weighted mode), or else
        the county's approved sheets of the period; nothing changes it afterwards. Right
        after, the county's risk signals of the period are recorded in its signal register
        (`signals`: a refusal there leaves the frame frozen and says why)."""
        outcome = handle(freeze_command(body, cid))
        assert isinstance(outcome.aggregate, Campaign)
        on_record = record_frame_signals(caller(), outcome.aggregate)
        data, status, headers = changed(outcome)
        return data | {"signals": on_record.to_data()}, status, headers


@blp.route("/campaigns/<uuid:cid>/seed")
class SeedViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(SeedSchema)
    @blp.response(200, CampaignSchema)
    def post(self, command: EnterSeed, cid: UUID) -> Any:
        """Enter the round's seed: the one committed to (its SHA-256), or the committed public
        draw's result once it is held; anything else is refused and changes nothing."""
        return changed(handle(command))


@blp.route("/campaigns/<uuid:cid>/draw")
class DrawViews(MethodView):
    @blp.doc(**WRITE)
    @blp.response(200, CampaignSchema)
    def post(self, cid: UUID) -> Any:
        """Draw the sample from the recorded frame and seed alone."""
        return changed(handle(DrawSample(campaign_id=cid)))


@blp.route("/campaigns/<uuid:cid>/escalate")
class EscalateViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(EscalateSchema)
    @blp.response(200, CampaignSchema)
    def post(self, body: dict[str, Any], cid: UUID) -> Any:
        """Start the next round as the plan said, the round's findings having passed its
        threshold; a further round comes with a fresh commitment, a full check without."""
        return changed(handle(EscalateCampaign(campaign_id=cid, commitment=body["commitment"])))


@blp.route("/campaigns/<uuid:cid>/close")
class CloseViews(MethodView):
    @blp.doc(**WRITE)
    @blp.response(200, CampaignSchema)
    def post(self, cid: UUID) -> Any:
        """Close the campaign with each sampled sheet's latest finding."""
        return changed(handle(CloseCampaign(campaign_id=cid)))
