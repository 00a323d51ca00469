"""Queries on the tables (统计表): a unit's tables of a kind, for a caller who may read them."""

from __future__ import annotations

from datetime import datetime
from typing import Generic, TypeVar

from application.authorization import Action, Authorizer, Caller, Target
from application.view_ports import SheetRecord, TableAsk, ViewReads
from domain.ids import unit_id

T = TypeVar("T")

TABLE_ACTIONS = {"audit": Action.READ_AUDIT, "risk": Action.READ_RISK}
"""Tables that need more than reading tables: the audit trail, and the risk report (which
stays with the county that spot-checks and the levels above it)."""


def table_action(name: str) -> Action:
    """What a caller must be allowed to read a kind of table."""
    return TABLE_ACTIONS.get(name, Action.READ_TABLES)


class TableQueries(Generic[T]):
    """Tables as callers read them: a grant over the unit's subtree is needed."""

    def __init__(self, auth: Authorizer, views: ViewReads[SheetRecord, object, object, T]) -> None:
        self.auth = auth
        self.views = views

    def tables(self, caller: Caller, ask: TableAsk) -> list[T]:
        """The unit's tables of the kind asked for (refused and recorded unless the caller
        may read them)."""
        target = Target(f"table:{ask.name}@{ask.unit}", unit_id(ask.unit))
        self.auth.actor(caller, table_action(ask.name), target)
        return list(self.views.tables().tables(ask))

    def pinned(self, as_of: datetime | None) -> int:
        """The log position tables as of a moment (None: now) are computed at; a position
        reveals no content."""
        return self.views.tables().pinned(as_of)
