"""The hand-up pages (上报): hand a table up from its page, the list of what units under one
handed up for a period, and one hand-up with the rows as they were and its restatement
(each row that differs now, old → new, and the changes that caused it)."""

from __future__ import annotations

from uuid import UUID

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from application.authorization import Action
from application.commands.hand_ups import HandUpTable
from domain.hand_up import Handed, HandUp, on_time
from domain.restatement import RowChange, restatement
from web.context import queries
from web.pages.base import dispatch, me, page_caller
from web.pages.people import People
from web.pages.reports.catalogue import BY_NAME
from web.pages.reports.routes import bp
from web.pages.reports.units import unit_options
from web.pages.timeline.lines import Line, line_of_row
from web.pages.timeline.names import Names
from web.resources.hand_ups.causes import causes
from web.resources.hand_ups.snapshot import snapshot_of, tables_now

TIMELINESS = {True: "按时", False: "逾期", None: "未设截止时间"}


@bp.post("/tables/<name>/hand-up")
def hand_up(name: str) -> Response:
    """Hand the table up as it stands now, then show what was recorded."""
    unit, period = request.form.get("unit", ""), request.form.get("period", "")
    command = HandUpTable(
        unit=unit, table=name, period=period, snapshot=snapshot_of(name, unit, period)
    )
    outcome = dispatch(command)
    return redirect(url_for("reports.hand_up_record", hid=outcome.id, done="1"), code=303)


@bp.get("/tables/hand-ups")
def hand_ups() -> str:
    """What the unit and the units below it handed up for a period."""
    unit = request.args.get("unit", "").strip()
    period = request.args.get("period", "").strip().upper()
    found = queries().hand_ups.under(page_caller(), unit, period) if unit and period else []
    return render_template(
        "reports/hand_ups.html",
        unit=unit,
        period=period,
        units=unit_options("quarterly"),
        records=found,
        names=unit_names(found),
        people=People(),
        timeliness=timeliness,
        titles=BY_NAME,
    )


@bp.get("/tables/hand-ups/<uuid:hid>")
def hand_up_record(hid: UUID) -> str:
    """Every hand-up of one table, the last one's rows as handed up, and its restatement."""
    record = queries().hand_ups.one(page_caller(), hid)
    changes = restatement(record.latest.tables, tables_now(record))
    return render_template(
        "reports/hand_up.html",
        record=record,
        unit_name=unit_names([record])[record.unit_id],
        unit_code=queries().units.code_of(record.unit_id),
        title=BY_NAME[record.table].title,
        changes=changes,
        causes=cause_lines(record, changes),
        people=People(),
        timeliness=timeliness,
        done=request.args.get("done") == "1",
        people_links=me().may(Action.READ_ACCOUNTS),
    )


def unit_names(records: list[HandUp]) -> dict[UUID, str]:
    rows = queries().units.rows(r.unit_id for r in records)
    return {r.unit_id: rows[r.unit_id].name if r.unit_id in rows else "" for r in records}


def timeliness(record: HandUp, handed: Handed) -> str:
    deadline = queries().hand_ups.due(record)
    return TIMELINESS[on_time(handed, deadline)]


def cause_lines(record: HandUp, changes: list[RowChange]) -> list[Line]:
    """The changes that caused the restatement, as timeline lines."""
    names = Names()
    return [line_of_row(row, names) for row in causes(record, changes)]
