"""GET /api/v1/ledger/verify: recompute every hash chain and name each break."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask.views import MethodView

from application.authorization import Action
from web.context import caller, queries, services
from web.smorest import api_blueprint

blp = api_blueprint("ledger", __name__, url_prefix="/api/v1/ledger", description="The audit ledger")


class LedgerProblemSchema(ma.Schema):
    aggregate_id = ma.fields.String(required=True)
    version = ma.fields.Integer(required=True)
    problem = ma.fields.String(required=True)


class LedgerReportSchema(ma.Schema):
    ok = ma.fields.Boolean(required=True)
    count = ma.fields.Integer(required=True)
    aggregates = ma.fields.Integer(required=True)
    index_checked = ma.fields.Boolean(required=True)
    problems = ma.fields.List(ma.fields.Nested(LedgerProblemSchema), required=True)


@blp.route("/verify")
class VerifyViews(MethodView):
    @blp.response(200, LedgerReportSchema)
    def get(self) -> dict[str, Any]:
        """Check every stored event's hash chain (regulators and administrators)."""
        queries().access.check(caller(), Action.VERIFY_LEDGER, "ledger")
        return services().verify_ledger().to_json()
