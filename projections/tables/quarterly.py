"""The quarterly acceptance table a town hands up (seed 002, annex 2: 验收情况统计表)."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from domain.rubric import PeriodKind, Rubric
from projections.scores import ScoreRow
from projections.tables.hierarchy import Hierarchy
from projections.tables.summary import summary_table
from projections.tables.table import Table

QUARTERLY = "quarterly"
STATION_SIGNATURES = ("服务站负责人：　　　　　　经办人：　　　　　　联系电话：",)


def quarterly_table(
    rubric: Rubric, period: str, town: UUID, rows: Iterable[ScoreRow], hierarchy: Hierarchy
) -> Table:
    """The stations' sheets under a town for one quarter, columns from the rubric summary."""
    if rubric.period is not PeriodKind.QUARTER:
        msg = f"rubric {rubric.code} is scored per {rubric.period.value}, not per quarter"
        raise ValueError(msg)
    return summary_table(
        QUARTERLY, rubric, period, town, rows, hierarchy, footer=STATION_SIGNATURES
    )
