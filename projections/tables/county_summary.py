"""The summary table of county centres' scores (seed 001, annex 2: 量化考核情况统计表)."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from domain.rubric import Rubric
from projections.scores import ScoreRow
from projections.tables.hierarchy import Hierarchy
from projections.tables.summary import summary_table
from projections.tables.table import Table

COUNTY_SUMMARY = "county-summary"
SUMMARY_FOOTER = ("备注：", "填表人：　　　　　　联系电话：")


def county_summary_table(
    rubric: Rubric, period: str, root: UUID, rows: Iterable[ScoreRow], hierarchy: Hierarchy
) -> Table:
    """The sheets under `root` (a city, or one county) for a period, one row per centre."""
    return summary_table(
        COUNTY_SUMMARY, rubric, period, root, rows, hierarchy, footer=SUMMARY_FOOTER
    )
