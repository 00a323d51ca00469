"""GET /api/v1/risk: a county's risk report for a period, now or as of a moment."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask.views import MethodView

from application.authorization import Caller
from web.context import as_of_position, caller, queries
from web.resources.campaigns.blueprint import blp
from web.resources.campaigns.schemas import RiskQuerySchema, RiskReportSchema


def county_risk(who: Caller, code: str, period: str, at: datetime | None) -> dict[str, Any]:
    """The risk report of a county and period (now, or as of `at`), with each ranked
    unit's code and name; the API and the risk page both show this."""
    queries().campaigns.check_risk(who, code)
    report = queries().spot_checks.risk(who, code, period, as_of_position(at))
    return report | {"county": code, "as_of": at}


@blp.route("/risk")
class RiskViews(MethodView):
    @blp.arguments(RiskQuerySchema, location="query")
    @blp.response(200, RiskReportSchema)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """The risk report (风险提示) of a county and period: every signal with its reasons
        and the events behind it, towns and stations ranked, each station's weight for a
        weighted campaign; with the log position and settings that reproduce it."""
        return county_risk(caller(), query["unit"], query["period"], query.get("as_of"))
