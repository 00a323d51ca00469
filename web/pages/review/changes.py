"""What happened to a sheet around its returns: each return with its reasons, and every
change since the last one (item, layer, old → new, who, when, evidence), which is what a
reviewer checks when a returned sheet comes back. Old is what counted for the item up to the
changed layer just before, and the layer it came from, folded from the sheet's history."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from application.read_ports import StoredChange
from domain.assessment import Assessment
from domain.layers import counted_before
from domain.workflow import Layer
from projections.event_words import event_words
from projections.scores import SheetChange
from web.pages.review.reasons import split_reason

RETURNED = Assessment.Returned.__name__
"""How the scores view names a return (its event class)."""


@dataclass(frozen=True)
class Detail:
    """What the scores view leaves out of an event: its reason, a return's items, an
    attached file's name and digest."""

    reason: str = ""
    items: tuple[str, ...] = ()
    name: str | None = None
    sha256: str | None = None
    item: str | None = None


def details_of(stored: Sequence[StoredChange]) -> dict[int, Detail]:
    """The details of each event of an assessment's stored history, by version."""
    return {
        c.version: Detail(
            reason=str(c.state.get("reason") or ""),
            items=tuple(c.state.get("items") or ()),
            name=c.state.get("name"),
            sha256=c.state.get("sha256"),
            item=c.state.get("item"),
        )
        for c in stored
    }


@dataclass(frozen=True)
class ChangeLine:
    """One change as the review page lists it; `new` is an item's entry in the changed layer,
    `old` the entry that counted before it, in `old_layer`."""

    version: int
    at: datetime
    actor_id: str
    actor_role: str
    event: str
    item: str | None
    layer: str | None
    old: Mapping[str, Any] | None
    new: Mapping[str, Any] | None
    detail: Detail
    old_layer: str | None = None

    @property
    def words(self) -> str:
        return event_words(f"Assessment.{self.event}", self.old)

    @property
    def is_entry(self) -> bool:
        return self.layer is not None and self.item is not None

    @property
    def is_evidence(self) -> bool:
        return self.event == Assessment.EvidenceAttached.__name__


@dataclass(frozen=True)
class ReturnNote:
    """A return: who, when, the items to redo, and its reason split into its parts."""

    version: int
    at: datetime
    actor_id: str
    actor_role: str
    reason: str
    items: tuple[str, ...]

    @property
    def overall(self) -> str:
        return split_reason(self.reason, self.items)[0]

    @property
    def per_item(self) -> dict[str, str]:
        return split_reason(self.reason, self.items)[1]


def change_lines(changes: Sequence[SheetChange], details: Mapping[int, Detail]) -> list[ChangeLine]:
    """Every change in version order, each entry change with what counted before it."""
    layers: dict[str, dict[str, Mapping[str, Any]]] = {la.value: {} for la in Layer}
    lines = []
    for c in changes:
        counted = None
        if c.layer is not None and c.item is not None:
            counted = counted_before(layers, c.item, Layer(c.layer))
            layers[c.layer][c.item] = c.entry or {}
        found = details.get(c.version, Detail())
        lines.append(
            ChangeLine(
                c.version,
                c.at,
                c.actor_id,
                c.actor_role,
                c.event,
                c.item or found.item,
                c.layer,
                None if counted is None else counted["entry"],
                c.entry,
                found,
                None if counted is None else counted["layer"],
            )
        )
    return lines


def returns_of(lines: Sequence[ChangeLine]) -> list[ReturnNote]:
    """The sheet's returns, oldest first."""
    return [
        ReturnNote(c.version, c.at, c.actor_id, c.actor_role, c.detail.reason, c.detail.items)
        for c in lines
        if c.event == RETURNED
    ]


def since_last_return(lines: Sequence[ChangeLine]) -> list[ChangeLine] | None:
    """The changes after the last return (None: the sheet was never returned)."""
    last = max((c.version for c in lines if c.event == RETURNED), default=None)
    if last is None:
        return None
    return [c for c in lines if c.version > last and c.event != RETURNED]
