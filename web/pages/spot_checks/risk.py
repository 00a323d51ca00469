"""The risk report (风险提示) of a county and period: stations and towns ranked by the risk
signals behind them, as the API's report gives them."""

from __future__ import annotations

from typing import Any

from flask import render_template, request

from application.authorization import Action
from projections.scores import SheetFilter
from projections.spot_checks.reading import towns_of
from projections.units import UnitRow, subtree
from web.context import projections, queries
from web.pages.base import page_caller
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
        words=SIGNAL_WORDS,
    )


def counties_in_reach() -> list[UnitRow]:
    """The counties whose risk reports the signed-in account may read."""
    units = projections().units()
    roots = queries().access.reach(page_caller(), Action.READ_RISK, "risk page")
    reach = frozenset().union(*(subtree(units, root) for root in roots))
    found = [u for u in units.all_units() if u.level == "county" and u.unit_id in reach]
    return sorted(found, key=lambda u: u.code)


def periods_of(county: UnitRow) -> list[str]:
    """The periods of the county's station sheets, latest first."""
    stations = frozenset(towns_of(projections().units(), county.unit_id))
    rows = projections().scores().sheets(SheetFilter(unit_ids=stations))
    return sorted({r.head.period for r in rows}, reverse=True)


def town_names(report: dict[str, Any] | None) -> dict[str, str]:
    return {t["unit_id"]: t["name"] for t in report["towns"]} if report else {}
