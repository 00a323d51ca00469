"""The hand-up handler: the unit that fills the table hands it up, once or again."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from application.commands.hand_ups import HANDED_TABLES, HandUpTable
from application.context import Context
from application.errors import PermissionDeniedError
from domain.errors import FieldError
from domain.hand_up import HandUp, hand_up_id
from domain.unit import Unit


def hand_up_table(cmd: HandUpTable, ctx: Context) -> list[HandUp]:
    """Record the table as handed up; a table only the unit filling it may hand up."""
    if cmd.table not in HANDED_TABLES:
        allowed = "、".join(HANDED_TABLES)
        raise FieldError(
            "table",
            f"table {cmd.table!r} is not handed up; allowed: {', '.join(HANDED_TABLES)}",
            f"“{cmd.table}”不是上报的报表；可上报：{allowed}",
        )
    unit = ctx.uow.load(Unit, cmd.unit_id(), f"unit {cmd.unit}")
    level = HANDED_TABLES[cmd.table]
    if unit.level.value != level:
        raise FieldError(
            "unit",
            f"{cmd.unit} is a {unit.level.value} unit; the {cmd.table} table is handed up "
            f"by a {level}",
            f"{unit.name}不是填报此表的单位",
        )
    if ctx.actor.unit_id != unit.id:
        raise PermissionDeniedError(
            f"a table is handed up by the unit that fills it ({cmd.unit})",
            cmd.step.value,
            f"unit:{cmd.unit}",
        )
    found = ctx.uow.find(HandUp, hand_up_id(unit.id, cmd.table, cmd.period))
    record = found or HandUp.start(ctx.stamp, unit.id, cmd.table, cmd.period)
    record.hand_up(ctx.stamp, cmd.snapshot)
    return [record]


HAND_UP_HANDLERS: Mapping[type[Any], Callable[..., Any]] = {HandUpTable: hand_up_table}
