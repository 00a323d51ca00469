"""Queries on hand-ups (上报): what the units under a unit handed up for a period, and one
hand-up, for a caller who may read that unit's tables."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from uuid import UUID

from application.authorization import Action, Authorizer, Caller, Target
from application.commands.hand_ups import GATHERED, HANDED_TABLES
from application.errors import NotFoundError
from application.read_ports import ReadModels, StoredChange
from domain.deadlines import window_of
from domain.hand_up import HandUp, hand_up_due, hand_up_id
from domain.ids import unit_id


def folded(history: Sequence[StoredChange]) -> HandUp | None:
    """A hand-up record from its stored events (None: nothing was handed up)."""
    record = None
    for change in history:
        record = change.event.mutate(record)
    return record if isinstance(record, HandUp) else None


class HandUpQueries:
    """Hand-ups are read where the caller may read the tables of the unit that handed up:
    the unit itself and every level above it."""

    def __init__(self, auth: Authorizer, models: ReadModels) -> None:
        self.auth = auth
        self.models = models

    def due(self, record: HandUp) -> date | None:
        """The last day the hand-up was on time, from the windows of the published rubrics
        whose sheets its table gathers (of a record the caller read)."""
        level = GATHERED.get(record.table)
        rubrics = [r for r in self.models.rubrics().published() if r.scored_level is level]
        return hand_up_due(window_of(r, record.period) for r in rubrics)

    def under(self, caller: Caller, unit: str, period: str) -> list[HandUp]:
        """Every table handed up for the period by the unit or a unit below it, in the
        order of the tree (refused and recorded unless the caller may read its tables)."""
        root = unit_id(unit)
        self.auth.actor(caller, Action.READ_TABLES, Target(f"table:hand-ups@{unit}", root))
        tree = self.models.units()
        found = []
        for uid in sorted(tree.subtree(root), key=str):
            row = tree.unit(uid)
            if row is None:
                continue
            for table, level in HANDED_TABLES.items():
                if row.level == level:
                    record = self.find(uid, table, period)
                    if record is not None:
                        found.append(record)
        return found

    def one(self, caller: Caller, record_id: UUID) -> HandUp:
        """One unit's hand-ups of a table for a period (not found: never handed up)."""
        record = folded(self.models.log().history(record_id))
        if record is None:
            raise NotFoundError(f"hand-up {record_id} not found")
        label = f"table:{record.table}@{record.unit_id}"
        self.auth.actor(caller, Action.READ_TABLES, Target(label, record.unit_id))
        return record

    def find(self, uid: UUID, table: str, period: str) -> HandUp | None:
        return folded(self.models.log().history(hand_up_id(uid, table, period)))
