"""Handing a table up (上报): the unit that fills it sends it to the level above."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from application.authorization import Action, Target
from application.commands.base import Command
from domain.audit import AuditedAggregate
from domain.hand_up import Snapshot
from domain.ids import unit_id
from domain.levels import UnitLevel

HANDED_TABLES = {"quarterly": "town", "county-summary": "county"}
"""The tables a unit hands up, and the level of unit that fills each one."""

GATHERED = {"quarterly": UnitLevel.VILLAGE, "county-summary": UnitLevel.COUNTY}
"""The level of the units whose sheets each table gathers: their rubrics' windows say when
the table is due."""


@dataclass(frozen=True, kw_only=True)
class HandUpTable(Command):
    """Hand up a unit's table of a period as computed at one log position (`snapshot`: the
    server computes it for the caller; nothing of it comes from the request)."""

    step = Action.HAND_UP
    name = "hand_up_table"
    unit: str
    table: str
    period: str
    snapshot: Snapshot

    def targets(self, subject: AuditedAggregate | None) -> list[Target]:
        return [Target(f"unit:{self.unit}", unit_id(self.unit))]

    def unit_id(self) -> UUID:
        return unit_id(self.unit)
