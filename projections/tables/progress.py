"""The progress table (seed 004, 完成进度情况): the indicator tree in order with each task
point's annual target, the latest progress reported and whether a numeric target is met.

Progress and measured value come from the layer that counts (the highest layer with an
entry). 目标达成 is 达成 or 未达成 for an item with a numeric target and a measured value,
未测量 when it has a numeric target but no value yet, and empty without a numeric target."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from domain.layers import counting_entries
from domain.rubric import Item, Node, Rubric, Section
from domain.rules import NumericTarget
from projections.numbers import Rate, points_text, rate_text
from projections.scores import ScoreRow
from projections.tables.periods import period_label
from projections.tables.table import Cell, Table

PROGRESS = "progress"
COLUMNS = (
    *("层级", "序号", "指标/任务要点", "分值", "年度目标", "数值目标"),
    *("完成进度情况", "实测值", "目标达成"),
)
MET, NOT_MET, NOT_MEASURED = "达成", "未达成", "未测量"


def progress_table(rubric: Rubric, row: ScoreRow | None, unit_name: str) -> Table:
    """The rubric's tree with the unit's reported progress (`row`: its sheet, if opened)."""
    entries = counting_entries(row.layers) if row else {}
    context = [f"被考核单位：{unit_name}"]
    if row is not None:
        context.append(f"期间：{period_label(row.head.period)}")
    return Table(
        name=PROGRESS,
        title=f"{rubric.title}完成进度情况",
        columns=COLUMNS,
        rows=tuple(node_line(node, depth, entries) for node, depth in walk(rubric.nodes, 1)),
        context=tuple(context),
    )


def walk(nodes: tuple[Node, ...], depth: int) -> Iterator[tuple[Node, int]]:
    """Every node in printed order with its depth (top level: 1)."""
    for node in nodes:
        yield node, depth
        if isinstance(node, Section):
            yield from walk(node.children, depth + 1)


def node_line(node: Node, depth: int, entries: Mapping[str, Any]) -> tuple[Cell, ...]:
    if isinstance(node, Section):
        return (depth, node.number, node.title, node.max_points, None, None, None, None, None)
    data = entries.get(node.number, {})
    value = Decimal(data["value"]) if data.get("value") is not None else None
    target = node.numeric_target
    return (
        depth,
        node.number,
        node.standard,
        node.max_points,
        node.target,
        None if target is None else target_words(target),
        data.get("progress"),
        Rate(value) if value is not None and target is not None and target.unit == "%" else value,
        target_met(node, value),
    )


def target_words(target: NumericTarget) -> str:
    """ ">= 80.0%" for a rate, ">= 12" (with its unit) for any other measure."""
    if target.unit == "%":
        return f"{target.op} {rate_text(target.value)}"
    return f"{target.op} {points_text(target.value)}{target.unit}"


def target_met(item: Item, value: Decimal | None) -> str | None:
    if item.numeric_target is None:
        return None
    if value is None:
        return NOT_MEASURED
    return MET if item.numeric_target.met_by(value) else NOT_MET
