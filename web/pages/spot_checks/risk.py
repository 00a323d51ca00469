"""The risk report (风险提示) of a county and period: stations and towns ranked by the risk
signals behind them, as the API's report gives them, and each signal recorded and disposed
of by the county's auditors (核实属实 / 排除 / 转整改, with a reason)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from application.authorization import Action
from application.commands.signals import DisposeSignal, record_report
from application.read_ports import UnitRecord
from domain.ids import unit_id
from domain.signal_register import DISPOSITION_WORDS, register_id
from projections.spot_checks.words import SIGNAL_WORDS
from web.context import queries
from web.errors import PageInputError
from web.pages.base import dispatch, form_version, handled, page_caller, settled
from web.pages.reports.risk_grid import report_grid
from web.pages.spot_checks.blueprint import bp, runs_campaigns_of
from web.pages.spot_checks.risk_signals import signal_lines, who_disposed
from web.resources.campaigns.risk import county_risk


@bp.get("/risk", endpoint="risk")
def risk_page() -> str:
    """The ranked stations and towns of the county and period chosen (default: the latest)."""
    return risk_view({}, {})


def risk_view(errors: dict[str, str], form: dict[str, str]) -> str:
    counties = counties_in_reach()
    code = request.values.get("unit") or (counties[0].code if counties else "")
    county = next((c for c in counties if c.code == code), None)
    periods = periods_of(county) if county else []
    period = request.values.get("period") or (periods[0] if periods else "")
    found = county is not None and period in periods
    report = county_risk(page_caller(), code, period, None) if found else None
    register = queries().signals.register(page_caller(), code, period) if found else None
    now, earlier = signal_lines(report, register) if report else ([], [])
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
        signals=now,
        earlier=earlier,
        register=register,
        people=who_disposed([*now, *earlier]),
        dispositions=DISPOSITION_WORDS,
        may_dispose=county is not None and runs_campaigns_of(county.unit_id, Action.DISPOSE_SIGNAL),
        errors=errors,
        form=form,
    )


@bp.post("/risk/record")
def record_signals() -> Response:
    """Record each signal the report raises now (those recorded before stay as they are)."""
    code, period = chosen()
    report = county_risk(page_caller(), code, period, None)
    settled(handled(record_report(code, report), page_caller()))
    return redirect(url_for("spot_checks.risk", unit=code, period=period) + "#signals-h", 303)


@bp.post("/risk/dispose")
def dispose_signal() -> Response | tuple[str, int]:
    """Record a signal's disposition with its reason; a missing choice or reason is said
    beside the signal and nothing is recorded."""
    code, period = chosen()
    form = {k: request.form.get(k, "").strip() for k in ("key", "disposition", "reason")}
    errors = {}
    if form["disposition"] not in DISPOSITION_WORDS:
        errors["disposition"] = "请选择处理结论：核实属实、排除或转整改。"
    if not form["reason"]:
        errors["reason"] = "请写明处理理由，如核实了什么、为何排除。"
    if errors:
        return risk_view(errors, form), 422
    rid = register_id(unit_id(code), period)
    command = DisposeSignal(
        register_id=rid, key=form["key"], disposition=form["disposition"], reason=form["reason"]
    )
    dispatch(command, form_version())
    anchor = f"#signal-{form['key']}"
    return redirect(url_for("spot_checks.risk", unit=code, period=period) + anchor, 303)


def chosen() -> tuple[str, str]:
    code, period = request.form.get("unit", ""), request.form.get("period", "")
    if not code or not period:
        raise PageInputError("表单缺少县（区）或考核期间。")
    return code, period


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
