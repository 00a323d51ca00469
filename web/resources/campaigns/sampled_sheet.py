"""GET /api/v1/campaigns/{id}/sheets/{sheet}: a sampled sheet as its verifier sees it, blind
(the items and the verification layer only) until a verification score is saved."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import marshmallow as ma
from flask.views import MethodView

from application.errors import NotFoundError
from domain.campaign import Stage
from domain.workflow import Status
from web.context import caller, queries
from web.resources.campaigns.blueprint import blp
from web.resources.campaigns.rescore_rows import ItemRow, blind, rescore_rows
from web.resources.common import versioned


class SampledItemSchema(ma.Schema):
    number = ma.fields.String(required=True)
    standard = ma.fields.String(required=True)
    max_points = ma.fields.String(allow_none=True)
    verified = ma.fields.String(allow_none=True, metadata={"description": "verification layer"})
    self_score = ma.fields.String(metadata={"description": "absent while blind"})
    review_score = ma.fields.String(metadata={"description": "absent while blind"})
    counting = ma.fields.String(metadata={"description": "absent while blind"})
    differs = ma.fields.Boolean(metadata={"description": "absent while blind"})


class SampledSheetSchema(ma.Schema):
    campaign_id = ma.fields.String(required=True)
    assessment_id = ma.fields.String(required=True)
    blind = ma.fields.Boolean(required=True)
    items = ma.fields.List(ma.fields.Nested(SampledItemSchema), required=True)


def item_json(row: ItemRow, shown: bool) -> dict[str, Any]:
    item = row.item
    found: dict[str, Any] = {
        "number": item.number,
        "standard": item.standard,
        "max_points": None if item.max_points is None else str(item.max_points),
        "verified": None if row.verified is None else str(row.verified),
    }
    if shown:
        found |= {
            "self_score": row.self_score,
            "review_score": row.review_score,
            "counting": row.final_score,
            "differs": row.differs,
        }
    return found


@blp.route("/campaigns/<uuid:cid>/sheets/<uuid:aid>")
class SampledSheetViews(MethodView):
    @blp.response(200, SampledSheetSchema)
    def get(self, cid: UUID, aid: UUID) -> Any:
        """A sampled sheet for re-scoring: while the campaign is drawn and the sheet has no
        verification score, blind (each item and its verification entry, no self or review
        score, no total); afterwards each item's three layers and whether they differ. Its
        ETag is the sheet's version (the If-Match of a verification score)."""
        c = queries().campaigns.campaign(caller(), cid)
        if not c.sampled(aid):
            raise NotFoundError(f"campaign {cid} did not sample assessment {aid}")
        sheet = queries().assessments.sheet(caller(), aid)
        open_to_rescore = c.stage is Stage.DRAWN and sheet.status is Status.APPROVED
        hidden = open_to_rescore and blind(sheet)
        rubric = queries().assessments.rubric_of(sheet)
        rows = [r for r in rescore_rows(sheet, rubric, False) if isinstance(r, ItemRow)]
        body = {
            "campaign_id": str(cid),
            "assessment_id": str(aid),
            "blind": hidden,
            "items": [item_json(r, not hidden) for r in rows],
        }
        return versioned(body, sheet.version)
