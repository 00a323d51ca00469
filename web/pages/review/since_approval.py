"""What changed on a sheet since it was approved: the first and the last approval, and each
item whose entry differs now from the entry it had when first approved (a sheet reopened,
changed and approved again shows it). Entries are folded from the sheet's changes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from domain.assessment import Assessment
from domain.workflow import Layer
from web.context import queries
from web.pages.review.changes import ChangeLine, change_lines

APPROVED = Assessment.Approved.__name__
"""How the scores view names an approval (its event class)."""

Entries = dict[tuple[str, str], Mapping[str, Any]]
"""Each (layer, item) entry of a sheet."""


@dataclass(frozen=True)
class ItemDiff:
    """An item's entry in one layer when the sheet was first approved, and now."""

    item: str
    layer: str
    approved: Mapping[str, Any] | None
    now: Mapping[str, Any] | None


@dataclass(frozen=True)
class SinceApproval:
    """The sheet's first and last approval and what differs now from the first."""

    first: ChangeLine
    last: ChangeLine
    diffs: list[ItemDiff]
    changes: list[ChangeLine]
    """Every entry change after the first approval, oldest first."""

    @property
    def reapproved(self) -> bool:
        return self.last.version != self.first.version

    @property
    def changed(self) -> bool:
        return bool(self.changes)


def entries_up_to(lines: Sequence[ChangeLine], version: int | None = None) -> Entries:
    """The sheet's entries after its changes up to a version (None: all of them)."""
    found: Entries = {}
    for c in lines:
        if version is not None and c.version > version:
            break
        if c.is_entry and c.item and c.layer and c.new is not None:
            found[c.layer, c.item] = c.new
    return found


def since_approval(lines: Sequence[ChangeLine]) -> SinceApproval | None:
    """None: the sheet was never approved."""
    approvals = [c for c in lines if c.event == APPROVED]
    if not approvals:
        return None
    first = approvals[0]
    then, now = entries_up_to(lines, first.version), entries_up_to(lines)
    order = [la.value for la in Layer]
    keys = sorted(then.keys() | now.keys(), key=lambda k: (order.index(k[0]), k[1]))
    diffs = [
        ItemDiff(item, layer, then.get((layer, item)), now.get((layer, item)))
        for layer, item in keys
        if then.get((layer, item)) != now.get((layer, item))
    ]
    later = [c for c in lines if c.version > first.version and c.is_entry]
    return SinceApproval(first, approvals[-1], diffs, later)


def sheet_since_approval(sheet: Assessment) -> SinceApproval | None:
    """What differs from the first approval of a sheet the caller read."""
    return since_approval(change_lines(queries().sheets.changes(sheet), {}))
