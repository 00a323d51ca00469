"""GET /api/v1/tables/{name} (json, csv, xlsx), and the task tracker and progress report."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from flask import Response
from flask.views import MethodView

from application.errors import NotFoundError
from application.queries.tables import table_action
from application.view_ports import TableAsk
from domain.ids import unit_id
from infra.export import write_csv_tables, write_xlsx
from infra.export_stamp import Stamp
from infra.projections.tables import TABLES
from projections.tables import Table
from web.context import caller, queries, services, today
from web.downloads import attachment
from web.resources.tables.schemas import ReadQuerySchema, TableQuerySchema, TablesSchema
from web.smorest import api_blueprint

blp = api_blueprint("tables", __name__, url_prefix="/api/v1", description="Tables (统计表)")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TABLE_BODIES = {
    "description": "the tables: JSON, CSV blocks or an XLSX workbook, as the format asks",
    "content": {
        "application/json": {"schema": TablesSchema},
        "text/csv": {"schema": {"type": "string"}},
        XLSX: {"schema": {"type": "string", "format": "binary"}},
    },
}
"""A table's 200 in each format, written out whole: alternative responses of one status
code replace each other in the document."""


def unit_codes(name: str, query: dict[str, Any]) -> list[str]:
    """The unit asked for, or each top unit the caller may read the table of."""
    if name not in TABLES:
        raise NotFoundError(f"no table {name!r}; the tables are {', '.join(TABLES)}")
    who = caller()
    action = table_action(name)
    if "unit" in query:
        code = query["unit"]
        queries().access.check(who, action, f"table:{name}@{code}", unit_id(code))
        return [code]
    roots = queries().access.reach(who, action, f"table:{name}")
    return [queries().units.code_of(root) for root in roots]


def tables_for(name: str, query: dict[str, Any], position: int | None = None) -> list[Table]:
    """The tables of each unit the caller may read (or of the unit asked for), computed at
    a log position when given."""
    codes = unit_codes(name, query)
    as_of: datetime | None = query.get("as_of")
    who, period, day = caller(), query.get("period"), today()
    return [
        table
        for code in codes
        for table in queries().tables.tables(
            who, TableAsk(name, code, period, as_of, day, position)
        )
    ]


def stamped_tables(name: str, query: dict[str, Any]) -> tuple[list[Table], Stamp]:
    """The tables computed at one log position, and the stamp that lets anyone recompute
    them (`kaohe ledger verify-export`)."""
    as_of: datetime | None = query.get("as_of")
    codes = unit_codes(name, query)
    position = queries().tables.pinned(as_of)
    tables = tables_for(name, query, position)
    stamp = services().stamper.stamp(
        tables, name, codes, query.get("period"), as_of, today(), position
    )
    return tables, stamp


@blp.route("/tables/<string:name>")
class TableViews(MethodView):
    @blp.arguments(TableQuerySchema, location="query")
    @blp.response(200, TablesSchema)
    @blp.doc(responses={"200": TABLE_BODIES})
    def get(self, query: dict[str, Any], name: str) -> Any:
        """A table (scores, quarterly, county-summary, compliance, tasks, progress, audit)
        for the caller's units, now or as of a moment; format json, csv or xlsx."""
        if query["format"] in ("csv", "xlsx"):
            return table_file(name, query, query["format"])
        tables, stamp = stamped_tables(name, query)
        return {"tables": [t.to_json() for t in stamp.stamped(tables)]}


@blp.route("/tasks")
class TasksViews(MethodView):
    @blp.arguments(ReadQuerySchema, location="query")
    @blp.response(200, TablesSchema)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """The task tracker (任务分解): each criterion's lead, office, deadline and state."""
        return {"tables": [t.to_json() for t in tables_for("tasks", query)]}


@blp.route("/progress")
class ProgressViews(MethodView):
    @blp.arguments(ReadQuerySchema, location="query")
    @blp.response(200, TablesSchema)
    def get(self, query: dict[str, Any]) -> dict[str, Any]:
        """The progress report (年度目标 / 完成进度情况) of each sheet with progress items."""
        return {"tables": [t.to_json() for t in tables_for("progress", query)]}


def table_file(name: str, query: dict[str, Any], fmt: str) -> Response:
    """The tables as a download: CSV (with the BOM Excel needs) or XLSX laid out like the
    seed forms; named for the table, unit and period asked for."""
    tables, stamp = stamped_tables(name, query)
    filename = "-".join([name, *(query[k] for k in ("unit", "period") if query.get(k))])
    if fmt == "csv":
        text = io.StringIO()
        write_csv_tables(tables, text, bom=True, trailer=stamp.lines())
        return attachment(text.getvalue().encode("utf-8"), "text/csv", f"{filename}.csv")
    if not tables:
        raise NotFoundError(f"nothing to export: no assessments for the {name} table")
    data = io.BytesIO()
    write_xlsx(stamp.stamped(tables), data)
    return attachment(data.getvalue(), XLSX, f"{filename}.xlsx")
