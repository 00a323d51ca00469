"""Why a sheet was sent back, as its unit reads it: who returned it and when, the overall
opinion, and the reason for each item to redo (from the sheet's recorded history)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from application.read_ports import StoredChange
from web.context import queries
from web.pages.base import page_caller
from web.pages.people import People
from web.pages.review.reasons import split_reason


@dataclass(frozen=True)
class ReturnReasons:
    """The last return of a sheet: when, by whom (name and role), the overall opinion, and
    the items to redo with the reason given for each ("": named without one)."""

    at: datetime
    by: str
    overall: str
    items: tuple[str, ...]
    per_item: dict[str, str] = field(default_factory=dict)

    def reason(self, number: str) -> str | None:
        """The reason an item was returned for (None: it was not returned)."""
        return self.per_item.get(number, "") if number in self.items else None


def last_return_of(history: Sequence[StoredChange], people: People) -> ReturnReasons | None:
    """The last return in a sheet's history (None: it was never returned)."""
    found = [c for c in history if c.topic.endswith(".Returned")]
    if not found:
        return None
    state = found[-1].state
    items = tuple(str(n) for n in state.get("items") or ())
    overall, per_item = split_reason(str(state.get("reason") or ""), items)
    by = people.who(str(state.get("actor_id", "")), str(state.get("actor_role", "")))
    return ReturnReasons(state["timestamp"], by, overall, items, per_item)


def return_reasons(aid: UUID) -> ReturnReasons | None:
    """The last return of a sheet the signed-in account may read."""
    return last_return_of(queries().assessments.history(page_caller(), aid), People())
