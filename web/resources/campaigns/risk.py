"""GET /api/v1/risk: a county's risk report for a period, now or as of a moment."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from flask.views import MethodView

from application.authorization import Caller
from application.errors import NotFoundError
from infra.projections.tables import applied_position
from projections.spot_checks.reading import read_report
from projections.spot_checks.settings import RiskSettings
from web.context import as_of_position, caller, projections, queries
from web.resources.campaigns.blueprint import blp
from web.resources.campaigns.schemas import RiskQuerySchema, RiskReportSchema


def county_risk(who: Caller, code: str, period: str, at: datetime | None) -> dict[str, Any]:
    """The risk report of a county and period (now, or as of `at`), with each ranked
    unit's code and name; the API and the risk page both show this."""
    queries().campaigns.check_risk(who, code)
    views = projections()
    position = applied_position(views) if at is None else as_of_position(at)
    assert position is not None
    units = views.units(position)
    county = units.unit_by_code(code)
    if county is None or county.level != "county":
        raise NotFoundError(f"no county with code {code}")
    report = read_report(views.scores(), units, county.unit_id, period, RiskSettings(), position)
    named = {u.unit_id: (u.code, u.name) for u in units.all_units()}
    data = report.to_json() | {"county": code, "as_of": at}
    for key in ("stations", "towns"):
        for row in data[key]:
            row["code"], row["name"] = named.get(UUID(row["unit_id"]), ("", ""))
    return data


@blp.route("/risk")
class RiskViews(MethodView):
    @blp.arguments(RiskQuerySchema, location="query")
    @blp.response(200, RiskReportSchema)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """The risk report (风险提示) of a county and period: every signal with its reasons
        and the events behind it, towns and stations ranked, each station's weight for a
        weighted campaign; with the log position and settings that reproduce it."""
        return county_risk(caller(), query["unit"], query["period"], query.get("as_of"))
