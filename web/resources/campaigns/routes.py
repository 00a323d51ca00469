"""/api/v1/campaigns: list, open, one campaign (as of any time), its verification and its
verification factors."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any
from uuid import UUID

from flask.views import MethodView

from application.commands.campaigns import OpenCampaign
from web.context import caller, create, queries
from web.resources.campaigns import agreement, risk, sampled_sheet, signals, steps  # noqa: F401
from web.resources.campaigns.blueprint import (
    blp,
    campaign_json,
    changed,
)
from web.resources.campaigns.schemas import (
    CampaignRowSchema,
    CampaignSchema,
    FactorsSchema,
    OpenCampaignSchema,
    VerificationSchema,
)
from web.resources.common import CREATE, AsOfSchema, versioned


@blp.route("/campaigns")
class CampaignsViews(MethodView):
    @blp.response(200, CampaignRowSchema(many=True))
    def get(self) -> list[dict[str, Any]]:
        """The campaigns of the counties in the caller's subtrees, oldest first."""
        return [asdict(line) for line in queries().campaigns.lines(caller())]

    @blp.doc(**CREATE)
    @blp.arguments(OpenCampaignSchema)
    @blp.response(201, CampaignSchema)
    def post(self, command: OpenCampaign) -> Any:
        """Open a campaign of a county for a period: its name, mode and sample size."""
        return changed(create(command), 201)


@blp.route("/campaigns/<uuid:cid>")
class CampaignByIdViews(MethodView):
    @blp.arguments(AsOfSchema, location="query")
    @blp.response(200, CampaignSchema)
    def get(self, query: dict[str, Any], cid: UUID) -> Any:
        """One campaign now, or as it stood at `as_of`; its ETag is its version."""
        at = query.get("as_of")
        c = queries().campaigns.campaign(caller(), cid, at)
        return versioned(campaign_json(c, at), c.version)


@blp.route("/campaigns/<uuid:cid>/verify")
class VerifyViews(MethodView):
    @blp.response(200, VerificationSchema)
    def get(self, cid: UUID) -> dict[str, Any]:
        """Recompute the frame hash and redraw the sample from the recorded frame and seed:
        `matches`, or each difference."""
        return queries().campaigns.verify(caller(), cid).to_json()


@blp.route("/campaigns/<uuid:cid>/factors")
class FactorsViews(MethodView):
    @blp.response(200, FactorsSchema)
    def get(self, cid: UUID) -> dict[str, Any]:
        """Verification factors (verified ÷ reported) of the sampled sheets, by sheet, town,
        item and for the county, with the settings that classified them."""
        c = queries().campaigns.campaign(caller(), cid)
        return queries().spot_checks.factors(c)
