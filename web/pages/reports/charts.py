"""Which charts a table page draws under each of its tables: the compliance table its units
against the target and its year's quarters; a summary table the spread of its totals; the
risk table its towns as a grid."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from infra.errors import TableRequestError
from projections.tables import Table
from web.context import queries
from web.pages.base import page_caller
from web.pages.reports.chart import Chart, compliance_chart
from web.pages.reports.query import ReportQuery
from web.pages.reports.risk_grid import RiskGrid, risk_grid
from web.pages.reports.spread_chart import SpreadChart, spread_chart
from web.pages.reports.unit_chart import UnitsChart, units_chart
from web.resources.tables.routes import tables_for

Drawn = Chart | UnitsChart | SpreadChart | RiskGrid
SUMMARIES = frozenset({"quarterly", "county-summary"})


def charts(name: str, query: ReportQuery, tables: list[Table]) -> dict[int, list[Drawn]]:
    """The charts of each table, by its number on the page."""
    if name in SUMMARIES:
        return {n: spread(t) for n, t in enumerate(tables, start=1)}
    if name == "risk":
        grids = {n: risk_grid(t) for n, t in enumerate(tables, start=1)}
        return {n: [grid] for n, grid in grids.items() if grid is not None}
    if name != "compliance":
        return {}

    @cache
    def fetch(period: str) -> list[Table]:
        try:
            return tables_for(name, {**query.api_query(), "period": period})
        except (TableRequestError, ValueError):
            return []

    found = {n: [units_chart(t), compliance_chart(t, fetch)] for n, t in enumerate(tables, start=1)}
    return {n: [c for c in drawn if c is not None] for n, drawn in found.items()}


def spread(table: Table) -> list[Drawn]:
    """The spread of a summary table's totals, with the pass mark of the rubrics whose
    summary it is (none drawn when they set none, or differ)."""
    rubrics = [
        r
        for r in queries().rubrics.published(page_caller())
        if r.summary is not None and r.summary.title == table.title
    ]
    columns = {
        c.label for r in rubrics if r.summary for c in r.summary.columns if c.source == "total"
    }
    marks: set[Decimal | None] = {r.pass_mark for r in rubrics}
    if len(columns) != 1:
        return []
    chart = spread_chart(table, columns.pop(), marks.pop() if len(marks) == 1 else None)
    return [] if chart is None else [chart]
