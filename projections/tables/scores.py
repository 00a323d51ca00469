"""The scores tables for `kaohe export scores`: one row per sheet, and one sheet's items.

In the sheets table 结果 is the result of the current counting figures, whatever the status
(状态 stands beside it); 验收后改动 says 验收后有改动 for a sheet whose entries changed after
its first approval. In the items table each layer's entry is shown as the points it
alone would give the item; deduction items show the points they take off as negative
figures, so that a column adds up; a veto item shows the conditions raised."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.china_time import in_words
from domain.rubric import Item, Rubric
from domain.rules import Kind
from domain.workflow import Layer
from projections.scores import ScoreRow, summarize
from projections.tables.periods import period_label
from projections.tables.table import Cell, Table
from projections.tables.wording import (
    LAYER_WORDS,
    ROLE_WORDS,
    STATUS_WORDS,
    changed_mark,
    result_words,
)
from projections.units import UnitRow

SCORES = "scores"
SHEET_ITEMS = "sheet-items"
SHEET_COLUMNS = (
    *("单位代码", "单位", "评分表", "版本", "期间", "状态", "总分", "结果", "验收后改动"),
    *("最后修改人", "角色", "最后修改时间"),
)
LAYERS = (Layer.SELF, Layer.REVIEW, Layer.VERIFICATION)
ITEM_COLUMNS = ("序号", "评分标准", "分值", *(LAYER_WORDS[la] for la in LAYERS), "计分层", "得分")


def scores_table(
    rows: Iterable[ScoreRow],
    units: Mapping[UUID, UnitRow],
    people: Mapping[str, str],
    titles: Mapping[tuple[str, int], str],
) -> Table:
    """One row per sheet, by rubric, period and unit code; people and rubrics by name."""

    def code(row: ScoreRow) -> str:
        unit = units.get(row.head.unit_id)
        return unit.code if unit else str(row.head.unit_id)

    ordered = sorted(rows, key=lambda r: (r.head.rubric_code, r.head.period, code(r)))
    return Table(
        name=SCORES,
        title="考核得分一览表",
        columns=SHEET_COLUMNS,
        rows=tuple(
            sheet_line(row, code(row), units.get(row.head.unit_id), people, titles)
            for row in ordered
        ),
    )


def sheet_line(
    row: ScoreRow,
    code: str,
    unit: UnitRow | None,
    people: Mapping[str, str],
    titles: Mapping[tuple[str, int], str],
) -> tuple[Cell, ...]:
    head = row.head
    return (
        code,
        unit.name if unit else code,
        titles.get((head.rubric_code, head.rubric_version), head.rubric_code),
        head.rubric_version,
        period_label(head.period),
        STATUS_WORDS.get(row.status, row.status),
        row.summary.total,
        result_words(row.summary.result, row.summary.vetoed_for),
        changed_mark(row),
        people.get(str(row.changed_by), "系统") if row.changed_by else None,
        ROLE_WORDS.get(row.changed_role, row.changed_role),
        in_words(row.changed_at) if row.changed_at else None,
    )


def sheet_items_table(rubric: Rubric, row: ScoreRow, unit_name: str) -> Table:
    """One sheet's items: each layer's entry as points, the layer that counts, the points."""
    by_layer = {
        la: summarize(rubric, {la.value: row.layers.get(la.value, {})}).points for la in LAYERS
    }
    lines = []
    for item in rubric.items():
        cells = [
            layer_cell(item, row.layers.get(la.value, {}).get(item.number), by_layer[la])
            for la in LAYERS
        ]
        counting = row.counting_layer(item.number)
        entry = row.layers[counting][item.number] if counting else None
        points = layer_cell(item, entry, row.summary.points)
        layer = LAYER_WORDS.get(counting, counting) if counting else None
        lines.append((item.number, item.standard, item.max_points, *cells, layer, points))
    return Table(
        name=SHEET_ITEMS,
        title=rubric.title,
        columns=ITEM_COLUMNS,
        rows=tuple(lines),
        context=(
            f"被考核单位：{unit_name}",
            f"期间：{period_label(row.head.period)}",
            f"状态：{STATUS_WORDS.get(row.status, row.status)}",
            f"总分：{row.summary.total}",
        ),
    )


def layer_cell(
    item: Item, entry: Mapping[str, Any] | None, points: Mapping[str, Decimal | None]
) -> Cell:
    """What an entry gives the item: its points (negative for a deduction item), the veto
    conditions it raises, or nothing when there is no entry."""
    if entry is None:
        return None
    if item.kind is Kind.VETO:
        raised = entry.get("raised", [])
        return "否决：" + "、".join(raised) if raised else None
    earned = points.get(item.number)
    if earned is not None and item.kind is Kind.DEDUCTION:
        return Decimal(0) - earned  # not -earned: no "-0" for nothing taken off
    return earned
