"""The generic summary table (统计表): one row per sheet, columns from the rubric's summary.

Rows are the sheets of the rubric (by code) for the period whose unit lies under `root` in
the hierarchy of the period's last day, in tree order. Units with no sheet are not listed:
the rubric may apply to only some stations of a town (seed 002: fewer than 100 recipients).
Every sheet is listed whatever its status, with its current counting figures; 考核结果 and
备注 say whether the figures are accepted yet (see `wording`)."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from domain.rubric import Rubric
from projections.errors import UnknownSourceError
from projections.scores import ScoreRow
from projections.tables.hierarchy import Hierarchy
from projections.tables.periods import last_day_of, period_label
from projections.tables.sources import Source, SummaryLine, column_sources
from projections.tables.table import Table


def summary_table(
    name: str,
    rubric: Rubric,
    period: str,
    root: UUID,
    rows: Iterable[ScoreRow],
    hierarchy: Hierarchy,
    footer: tuple[str, ...] = (),
    extra: tuple[tuple[str, Source], ...] = (),
) -> Table:
    """The rubric's summary table for the units under `root` in one period, with `extra`
    columns (label, source) after the rubric's own."""
    if rubric.summary is None:
        raise UnknownSourceError(f"rubric {rubric.code} v{rubric.version} has no summary table")
    sources = (*column_sources(rubric), *(source for _, source in extra))
    chosen = sorted(
        sheets_under(rubric, period, root, rows, hierarchy),
        key=lambda r: hierarchy.sort_key(r.head.unit_id),
    )
    lines = [SummaryLine(n, row, hierarchy) for n, row in enumerate(chosen, start=1)]
    return Table(
        name=name,
        title=rubric.summary.title,
        columns=(
            *(column.label for column in rubric.summary.columns),
            *(label for label, _ in extra),
        ),
        rows=tuple(tuple(source(line) for source in sources) for line in lines),
        context=(f"填报单位：{hierarchy.name(root)}", f"期间：{period_label(period)}"),
        footer=footer,
    )


def sheets_under(
    rubric: Rubric, period: str, root: UUID, rows: Iterable[ScoreRow], hierarchy: Hierarchy
) -> list[ScoreRow]:
    """The rubric's sheets for a period whose unit lies under `root` on its last day."""
    check_day(hierarchy, period)
    within = hierarchy.subtree(root)
    return [
        r
        for r in rows
        if r.head.rubric_code == rubric.code
        and r.head.period == period
        and r.head.unit_id in within
    ]


def check_day(hierarchy: Hierarchy, period: str) -> None:
    """A period's tables read the hierarchy in force on its last day, and no other."""
    day = last_day_of(period)
    if hierarchy.day != day:
        msg = (
            f"the hierarchy given is the one on {hierarchy.day}; "
            f"period {period} needs the one on its last day, {day}"
        )
        raise ValueError(msg)
