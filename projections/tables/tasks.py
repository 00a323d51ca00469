"""The task breakdown table (seed 003, 任务分解表): each criterion, who answers for it, by
when, and whether it is done or overdue on a given day.

A criterion is done (已评分) when the layer that counts gives it points, any amount
including 0: the scorer has judged it, and a part not done (未完成) shows as points lost.
It is overdue on a day when it is not done and its due date is before that day, so a
criterion due 2024-07-31 becomes overdue on 2024-08-01. A criterion whose deadline names no
date (持续推进) is never overdue."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from domain.rubric import Item, Rubric
from projections.scores import ScoreRow
from projections.tables.periods import period_label
from projections.tables.table import Cell, Table

TASKS = "tasks"
COLUMNS = (
    *("序号", "评分标准", "牵头领导", "责任股室", "责任人", "完成时限", "截止日期"),
    *("状态", "得分", "分值", "是否逾期"),
)
DONE, NOT_DONE = "已评分", "未评分"


def tasks_table(rubric: Rubric, row: ScoreRow | None, unit_name: str, on: date) -> Table:
    """Every item of the rubric as a task on a day; `row` is the unit's sheet, if opened."""
    points = row.summary.points if row else {}
    context = [f"被考核单位：{unit_name}", f"统计日期：{on.isoformat()}"]
    if row is not None:
        context.insert(1, f"期间：{period_label(row.head.period)}")
    return Table(
        name=TASKS,
        title=rubric.title,
        columns=COLUMNS,
        rows=tuple(task_line(item, points.get(item.number), on) for item in rubric.items()),
        context=tuple(context),
    )


def task_line(item: Item, earned: Decimal | None, on: date) -> tuple[Cell, ...]:
    done = earned is not None
    due = item.assignment.due
    return (
        item.number,
        item.standard,
        item.assignment.lead,
        item.assignment.office,
        "、".join(item.assignment.people) or None,
        item.assignment.deadline,
        due.isoformat() if due else None,
        DONE if done else NOT_DONE,
        earned,
        item.max_points,
        "是" if overdue(done, due, on) else "否",
    )


def overdue(done: bool, due: date | None, on: date) -> bool:
    return not done and due is not None and due < on
