"""GET /api/v1/agreement: grading the graders, each town reviewer's and town's agreement with
the county's verification, and the weights it gives a weighted campaign."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask.views import MethodView

from application.authorization import Caller
from web.context import caller, queries
from web.resources.campaigns.blueprint import blp
from web.resources.common import CODE, period_field


class AgreementQuerySchema(ma.Schema):
    unit = ma.fields.String(required=True, validate=CODE, metadata={"description": "county"})
    period = period_field(required=False)


class AgreementRowSchema(ma.Schema):
    key = ma.fields.String(required=True, metadata={"description": "account id or town id"})
    name = ma.fields.String(required=True)
    town_id = ma.fields.String(allow_none=True)
    town = ma.fields.String()
    sheets = ma.fields.Integer(required=True)
    items = ma.fields.Integer(required=True)
    within = ma.fields.Integer(required=True)
    share_within = ma.fields.String(required=True)
    mean_absolute_difference = ma.fields.String(required=True)
    mean_difference = ma.fields.String(
        required=True, metadata={"description": "verified − reviewed, per item"}
    )
    weight = ma.fields.String(required=True)


class AgreementSchema(ma.Schema):
    county = ma.fields.String(required=True)
    county_id = ma.fields.String(required=True)
    period = ma.fields.String(allow_none=True)
    reviewers = ma.fields.List(ma.fields.Nested(AgreementRowSchema), required=True)
    towns = ma.fields.List(ma.fields.Nested(AgreementRowSchema), required=True)
    weights = ma.fields.Dict(
        keys=ma.fields.String(),
        values=ma.fields.String(),
        metadata={"description": "each approved sheet of the period → its town's weight"},
    )
    settings = ma.fields.Dict(required=True)


def county_agreement(who: Caller, code: str, period: str | None) -> dict[str, Any]:
    """The agreement of the county's reviewers and towns; the API and the page show this."""
    return queries().spot_checks.agreement(who, code, period)


@blp.route("/agreement")
class AgreementViews(MethodView):
    @blp.arguments(AgreementQuerySchema, location="query")
    @blp.response(200, AgreementSchema)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """Grading the graders (初审质量): per town reviewer and per town, over the items the
        county re-scored on every checked sheet (of `period`, or all), the mean absolute
        difference between review and verification, the share within 10 % of the item's
        points, and the weight 1 + 2 × (1 − share within) for a weighted campaign; with a
        period, each approved sheet of it with its town's weight, to post as a frame."""
        return county_agreement(caller(), query["unit"], query.get("period"))
