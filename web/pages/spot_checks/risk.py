"""The risk report (风险提示) of a county and period: stations and towns ranked by the risk
signals behind them, as the API's report gives them."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import render_template, request

from application.authorization import Action
from application.read_ports import UnitRecord
from web.context import queries
from web.pages.base import page_caller
from web.pages.reports.risk_grid import report_grid
from web.pages.spot_checks.blueprint import SIGNAL_WORDS, bp
from web.resources.campaigns.risk import county_risk


@bp.get("/risk", endpoint="risk")
def risk_page() -> str:
    """The ranked stations and towns of the county and period chosen (default: the latest)."""
    counties = counties_in_reach()
    code = request.args.get("unit") or (counties[0].code if counties else "")
    county = next((c for c in counties if c.code == code), None)
    periods = periods_of(county) if county else []
    period = request.args.get("period") or (periods[0] if periods else "")
    found = county is not None and period in periods
    report = county_risk(page_caller(), code, period, None) if found else None
    return render_template(
        "spot_checks/risk.html",
        counties=counties,
        county=county,
        periods=periods,
        period=period,
        report=report,
        town_names=town_names(report),
        grid=report_grid(county.name, report) if county and report else None,
        words=SIGNAL_WORDS,
    )


def counties_in_reach() -> list[UnitRecord]:
    """The counties whose risk reports the signed-in account may read."""
    roots = queries().access.reach(page_caller(), Action.READ_RISK, "risk page")
    found: dict[UUID, UnitRecord] = {}
    todo = list(queries().units.forest(roots))
    while todo:
        node = todo.pop()
        if node.unit.level == "county":
            found[node.unit.unit_id] = node.unit
        todo += node.children
    return sorted(found.values(), key=lambda u: u.code)


def periods_of(county: UnitRecord) -> list[str]:
    """The periods of the county's station sheets, latest first."""
    return queries().spot_checks.periods(page_caller(), county.code)


def town_names(report: dict[str, Any] | None) -> dict[str, str]:
    return {t["unit_id"]: t["name"] for t in report["towns"]} if report else {}
