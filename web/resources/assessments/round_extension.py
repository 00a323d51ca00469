"""/api/v1/assessments/rounds/extend: extend the window of every sheet of a round under one
unit (延长期限), in one change."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask.views import MethodView

from application.commands.assessments import ExtendRound
from application.errors import NotFoundError
from web.context import bus, caller, unit_of_work
from web.resources.assessments.blueprint import blp
from web.resources.assessments.rounds import OpenRoundSchema
from web.resources.common import CREATE, TEXT
from web.rounds import plan_round


class RoundExtensionSchema(OpenRoundSchema):
    until = ma.fields.Date(
        required=True, metadata={"description": "the new last day (China time), after the old"}
    )
    reason = ma.fields.String(required=True, validate=TEXT)


class RoundExtensionResultSchema(ma.Schema):
    extended = ma.fields.List(ma.fields.String(), metadata={"description": "units extended"})
    position = ma.fields.Integer()


@blp.route("/rounds/extend")
class RoundExtensionViews(MethodView):
    @blp.doc(**CREATE)  # no If-Match: it changes many sheets, each checked alone
    @blp.arguments(RoundExtensionSchema)
    @blp.response(200, RoundExtensionResultSchema)
    def post(self, ask: dict[str, Any]) -> Any:
        """Extend the window of the period's sheets on a rubric for every unit under `under`
        that has one, to a later last day with a reason (the body that opens them); each
        unit is authorized as if extended alone, and all change in one save or none does."""
        who = caller()
        plan = plan_round(who, ask["rubric"], ask["version"], ask["period"], ask["under"])
        if not plan.opened:
            raise NotFoundError(
                f"no {ask['rubric']} v{ask['version']} sheet for {ask['period']} under "
                f"{ask['under']}; nothing to extend"
            )
        codes = tuple(u.code for u in plan.opened)
        command = ExtendRound(
            rubric=ask["rubric"],
            version=ask["version"],
            period=ask["period"],
            units=codes,
            until=ask["until"],
            reason=ask["reason"],
        )
        outcome = bus().handle(command, who, unit_of_work())
        return {"extended": list(codes), "position": outcome.position}
