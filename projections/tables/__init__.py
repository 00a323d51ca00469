"""Tables built from the read models: pure functions from sheets, units and a rubric."""

from projections.tables.compliance import compliance_table
from projections.tables.county_summary import county_summary_table
from projections.tables.hierarchy import Hierarchy, hierarchy_on
from projections.tables.periods import last_day_of, period_label, quarters_through
from projections.tables.progress import progress_table
from projections.tables.quarterly import quarterly_table
from projections.tables.scores import scores_table, sheet_items_table
from projections.tables.summary import summary_table
from projections.tables.table import Cell, Table
from projections.tables.tasks import tasks_table

__all__ = [
    "Cell",
    "Hierarchy",
    "Table",
    "compliance_table",
    "county_summary_table",
    "hierarchy_on",
    "last_day_of",
    "period_label",
    "progress_table",
    "quarterly_table",
    "quarters_through",
    "scores_table",
    "sheet_items_table",
    "summary_table",
    "tasks_table",
]
