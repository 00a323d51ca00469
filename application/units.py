"""Use cases for the unit hierarchy."""

from __future__ import annotations

from uuid import UUID

from application.runner import StoredAggregates
from domain.ids import unit_id
from domain.unit import Unit


class UnitService:
    """Units by code or id (their changes are commands: application.commands.units)."""

    def __init__(self, runner: StoredAggregates) -> None:
        self.runner = runner

    def get(self, code: str) -> Unit:
        return self.runner.load(Unit, unit_id(code), f"unit {code}")

    def get_by_id(self, uid: UUID) -> Unit:
        return self.runner.load(Unit, uid, f"unit {uid}")

    def exists(self, code: str) -> bool:
        return self.runner.find(Unit, unit_id(code)) is not None
