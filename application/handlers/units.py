"""The unit handlers: load what the command needs, call the unit, return it."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from application.commands import units as c
from application.context import Context
from application.errors import ConflictError
from domain.errors import FieldError
from domain.ids import unit_id
from domain.unit import Unit


def register_unit(cmd: c.RegisterUnit, ctx: Context) -> list[Unit]:
    if ctx.uow.find(Unit, unit_id(cmd.code)) is not None:
        raise ConflictError(f"unit {cmd.code} already exists")
    parent = ctx.uow.load(Unit, unit_id(cmd.parent), f"unit {cmd.parent}") if cmd.parent else None
    if parent is not None:
        check_namesake(ctx, parent, cmd.unit_name.strip(), "name")
    return [Unit.register(ctx.stamp, cmd.code, cmd.unit_name, cmd.level, parent)]


def rename_unit(cmd: c.RenameUnit, unit: Unit, ctx: Context) -> None:
    parent_id = unit.parent_id
    if parent_id is not None and cmd.unit_name.strip() != unit.name:
        parent = ctx.uow.load(Unit, parent_id, f"unit {parent_id}")
        check_namesake(ctx, parent, cmd.unit_name.strip(), "name")
    unit.rename(ctx.stamp, cmd.unit_name)


def move_unit(cmd: c.MoveUnit, unit: Unit, ctx: Context) -> None:
    parent = ctx.uow.load(Unit, unit_id(cmd.parent), f"unit {cmd.parent}")
    if parent.id != unit.parent_id:
        check_namesake(ctx, parent, unit.name, "parent")
    unit.move(ctx.stamp, parent, cmd.effective_from, cmd.reason)


def check_namesake(ctx: Context, parent: Unit, name: str, field: str) -> None:
    """Refuse a second open unit of one name under one parent: no table could tell the
    two apart. The refusal names the unit that already has the name."""
    other = ctx.namesakes.namesake(parent.id, name) if ctx.namesakes and name else None
    if other is not None:
        raise FieldError(
            field,
            f"unit {other} under {parent.code} is already named {name!r};"
            " units under one parent need different names",
            f"{parent.name}下已有名为“{name}”的单位（编码 {other}）；同一上级下的单位不能同名。",
        )


def set_unit_contact(cmd: c.SetUnitContact, unit: Unit, ctx: Context) -> None:
    unit.set_contact(ctx.stamp, cmd.contact, cmd.phone)


def close_unit(cmd: c.CloseUnit, unit: Unit, ctx: Context) -> None:
    unit.close(ctx.stamp, cmd.reason)


UNIT_HANDLERS: Mapping[type[Any], Callable[..., Any]] = {
    c.RegisterUnit: register_unit,
    c.RenameUnit: rename_unit,
    c.MoveUnit: move_unit,
    c.SetUnitContact: set_unit_contact,
    c.CloseUnit: close_unit,
}
