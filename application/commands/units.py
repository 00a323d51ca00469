"""The unit commands: register, rename, move, set the contact, close."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar
from uuid import UUID

from application.authorization import Action, Target
from application.commands.base import Command
from domain.audit import AuditedAggregate
from domain.ids import unit_id
from domain.rubric import UnitLevel
from domain.unit import Unit


@dataclass(frozen=True, kw_only=True)
class RegisterUnit(Command):
    """Register a unit under its parent (none: a root), authorized on the parent."""

    step = Action.MANAGE_UNITS
    name = "register_unit"
    code: str
    unit_name: str
    level: UnitLevel
    parent: str | None = None

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        return [Target(f"unit:{self.code}", unit_id(self.parent) if self.parent else None)]


@dataclass(frozen=True, kw_only=True)
class UnitCommand(Command):
    """A change of one unit, named by its code and authorized on it."""

    subject_type: ClassVar[type[AuditedAggregate] | None] = Unit
    code: str

    def subject_id(self) -> UUID | None:
        return unit_id(self.code)

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        return [Target(f"unit:{self.code}", unit_id(self.code))]


@dataclass(frozen=True, kw_only=True)
class RenameUnit(UnitCommand):
    step = Action.MANAGE_UNITS
    name = "rename_unit"
    unit_name: str


@dataclass(frozen=True, kw_only=True)
class MoveUnit(UnitCommand):
    """Move under another parent from a date: needs the right over both units."""

    step = Action.MANAGE_UNITS
    name = "move_unit"
    parent: str
    effective_from: date
    reason: str

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        return [Target(f"unit:{self.parent}", unit_id(self.parent)), *super().targets(subject)]


@dataclass(frozen=True, kw_only=True)
class SetUnitContact(UnitCommand):
    step = Action.SET_CONTACT
    name = "set_unit_contact"
    contact: str
    phone: str


@dataclass(frozen=True, kw_only=True)
class CloseUnit(UnitCommand):
    step = Action.MANAGE_UNITS
    name = "close_unit"
    reason: str
