"""Use cases for the unit hierarchy."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from application.errors import ConflictError
from application.runner import Command, CommandRunner, Outcome
from domain.audit import Stamp
from domain.ids import unit_id
from domain.rubric import UnitLevel
from domain.unit import Unit


class UnitService:
    """Register, rename, move, contact and close units."""

    def __init__(self, runner: CommandRunner) -> None:
        self.runner = runner

    def get(self, code: str) -> Unit:
        return self.runner.load(Unit, unit_id(code), f"unit {code}")

    def get_by_id(self, uid: UUID) -> Unit:
        return self.runner.load(Unit, uid, f"unit {uid}")

    def exists(self, code: str) -> bool:
        return self.runner.find(Unit, unit_id(code)) is not None

    def register(
        self, command: Command, code: str, name: str, level: UnitLevel, parent_code: str | None
    ) -> Outcome:
        if self.exists(code):
            raise ConflictError(f"unit {code} already exists")
        parent = self.get(parent_code) if parent_code else None
        args = {"code": code, "name": name, "level": level.value, "parent": parent_code}

        def change(stamp: Stamp) -> list[Unit]:
            return [Unit.register(stamp, code, name, level, parent)]

        return self.runner.run(command, "register_unit", args, change)

    def rename(self, command: Command, code: str, name: str) -> Outcome:
        unit = self.get(code)
        args = {"code": code, "name": name}
        return self.runner.update(
            command, "rename_unit", args, unit, lambda s: unit.rename(s, name)
        )

    def move(
        self, command: Command, code: str, parent_code: str, effective_from: date, reason: str
    ) -> Outcome:
        unit, parent = self.get(code), self.get(parent_code)
        args = {"code": code, "parent": parent_code, "from": effective_from.isoformat()}
        return self.runner.update(
            command, "move_unit", args, unit, lambda s: unit.move(s, parent, effective_from, reason)
        )

    def set_contact(self, command: Command, code: str, contact: str, phone: str) -> Outcome:
        unit = self.get(code)
        args = {"code": code, "contact": contact, "phone": phone}
        return self.runner.update(
            command, "set_unit_contact", args, unit, lambda s: unit.set_contact(s, contact, phone)
        )

    def close(self, command: Command, code: str, reason: str) -> Outcome:
        unit = self.get(code)
        args = {"code": code, "reason": reason}
        return self.runner.update(
            command, "close_unit", args, unit, lambda s: unit.close(s, reason)
        )
