"""Which items a sheet file carries a value for, and which field that value sets: the
sheet page's one value per item (points, or a completion rate for banded items)."""

from __future__ import annotations

from domain.rubric import Item
from domain.rules import RuleName

FILE_FIELDS: dict[RuleName, str] = {
    RuleName.JUDGED: "points",
    RuleName.PROGRESS: "points",
    RuleName.BANDS: "rate",
}


def editable_field(item: Item) -> str | None:
    """The entry field the file's value sets (None: the item is filled in on the page)."""
    kind = FILE_FIELDS.get(item.rule)
    if kind == "points" and item.max_points is None:
        return None
    return kind
