"""The quarterly acceptance table a town hands up (seed 002, annex 2: 验收情况统计表).

Where the rubric declares the quarter's window, a column 审核 after the rubric's own says
whether the town reviewed each sheet by the review deadline (按时 / 逾期 / 未审核); a rubric
without a window gets no such column."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from domain.deadlines import window_of
from domain.rubric import PeriodKind, Rubric
from projections.scores import ScoreRow
from projections.tables.hierarchy import Hierarchy
from projections.tables.sources import Source
from projections.tables.summary import summary_table
from projections.tables.table import Table
from projections.tables.timeliness import REVIEW as REVIEW_STEP
from projections.tables.timeliness import step_word

QUARTERLY = "quarterly"
STATION_SIGNATURES = ("服务站负责人：　　　　　　经办人：　　　　　　联系电话：",)
REVIEW = "审核"


def quarterly_table(
    rubric: Rubric, period: str, town: UUID, rows: Iterable[ScoreRow], hierarchy: Hierarchy
) -> Table:
    """The stations' sheets under a town for one quarter, columns from the rubric summary."""
    if rubric.period is not PeriodKind.QUARTER:
        msg = f"rubric {rubric.code} is scored per {rubric.period.value}, not per quarter"
        raise ValueError(msg)
    reviews = () if window_of(rubric, period) is None else ((REVIEW, review_source(rubric)),)
    return summary_table(
        QUARTERLY, rubric, period, town, rows, hierarchy, STATION_SIGNATURES, reviews
    )


def review_source(rubric: Rubric) -> Source:
    return lambda line: step_word(REVIEW_STEP, rubric, line.row)
