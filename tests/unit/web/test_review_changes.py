"""The review page's list of changes: each entry change's old value is what counted for the
item up to the changed layer just before it, with that layer."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from projections.scores import SheetChange
from web.pages.review.changes import change_lines, since_last_return

AT = datetime(2023, 5, 1, 9, 0, tzinfo=UTC)


def change(version: int, event: str, layer: str | None = None, points: str = "") -> SheetChange:
    entry: dict[str, Any] | None = {"points": points} if layer else None
    item = "1" if layer else None
    return SheetChange(
        UUID(int=1), version, version, AT, "someone", "role", None, layer, item, entry, event
    )


def test_a_reviewers_first_change_lists_the_self_score_it_overrode() -> None:
    lines = change_lines(
        [
            change(1, "Opened"),
            change(2, "ItemScored", "self", "4"),
            change(3, "Submitted"),
            change(4, "ItemScored", "review", "3"),
            change(5, "Returned"),
            change(6, "ItemScored", "self", "2"),
            change(7, "ItemScored", "review", "2"),
        ],
        {},
    )
    shown = [(c.layer, c.old_layer, c.old, c.new) for c in lines if c.is_entry]
    assert shown == [
        ("self", None, None, {"points": "4"}),
        ("review", "self", {"points": "4"}, {"points": "3"}),
        ("self", "self", {"points": "4"}, {"points": "2"}),
        ("review", "review", {"points": "3"}, {"points": "2"}),
    ]
    assert [c.version for c in since_last_return(lines) or []] == [6, 7]
