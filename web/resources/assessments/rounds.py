"""/api/v1/assessments/rounds: open a period's sheets for every unit a rubric scores under
one unit, in one change (发起考核)."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask.views import MethodView
from marshmallow import validate

from application.errors import ConflictError
from web.context import bus, caller, unit_of_work
from web.resources.assessments.blueprint import blp
from web.resources.common import CODE, CREATE, period_field
from web.rounds import plan_round


class OpenRoundSchema(ma.Schema):
    rubric = ma.fields.String(required=True, validate=CODE)
    version = ma.fields.Integer(strict=True, required=True, validate=validate.Range(1, 10_000))
    period = period_field(required=True)
    under = ma.fields.String(
        required=True, validate=CODE, metadata={"description": "the unit whose subtree it opens"}
    )


class OpenRoundResultSchema(ma.Schema):
    rubric = ma.fields.String()
    version = ma.fields.Integer()
    period = ma.fields.String()
    under = ma.fields.String()
    opened = ma.fields.List(ma.fields.String(), metadata={"description": "units opened now"})
    already = ma.fields.List(ma.fields.String(), metadata={"description": "units that had one"})
    position = ma.fields.Integer()


@blp.route("/rounds")
class RoundViews(MethodView):
    @blp.doc(**CREATE)
    @blp.arguments(OpenRoundSchema)
    @blp.response(201, OpenRoundResultSchema)
    def post(self, ask: dict[str, Any]) -> Any:
        """Open the period's sheets on a rubric for every open unit of its scored level under
        `under` (as the hierarchy stood on the period's last day) that has none yet; each
        unit is authorized as if opened alone, and all open in one change or none does."""
        who = caller()
        plan = plan_round(who, ask["rubric"], ask["version"], ask["period"], ask["under"])
        if not plan.missing:
            raise ConflictError(
                f"every unit {ask['rubric']} scores under {ask['under']} already has its "
                f"sheet for {ask['period']}; nothing to open"
            )
        outcome = bus().handle(plan.command(), who, unit_of_work())
        return {
            **ask,
            "opened": [u.code for u in plan.missing],
            "already": [u.code for u in plan.opened],
            "position": outcome.position,
        }
