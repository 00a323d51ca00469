"""Sheets, units and hierarchies for table tests, built the way the scores view builds them."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid5

from domain.ids import unit_id
from domain.rubric import Rubric
from domain.rules import Kind
from domain.workflow import Layer, Status
from infra.rubric_files import find_builtin_rubric
from projections.scores import ScoreRow, SheetChange, SheetHead, replay, score_row
from projections.tables.hierarchy import Hierarchy
from projections.units import UnitRow

T0 = datetime(2023, 7, 1, 9, 0, tzinfo=UTC)
Entries = Mapping[str, Mapping[str, Any]]


def builtin(code: str, version: int | None = None) -> Rubric:
    found = find_builtin_rubric(code, version)
    assert found is not None, code
    return found


def unit(
    code: str,
    name: str,
    level: str,
    parent: str | None = None,
    contact: str = "",
    phone: str = "",
    closed: bool = False,
    registered_on: str = "",
) -> UnitRow:
    parent_id = unit_id(parent) if parent else None
    return UnitRow(
        *(unit_id(code), code, name, level, parent_id, contact, phone, closed, 1, 1),
        registered_on=registered_on,
    )


def hierarchy(day: date, *units: UnitRow, moved: Mapping[str, str] | None = None) -> Hierarchy:
    """The units under their registered parents, except those `moved` (code → new parent)."""
    parents = {u.unit_id: u.parent_id for u in units}
    for code, parent in (moved or {}).items():
        parents[unit_id(code)] = unit_id(parent)
    return Hierarchy(day, {u.unit_id: u for u in units}, parents)


def full_marks(rubric: Rubric, changed: Mapping[str, str] | None = None) -> dict[str, Any]:
    """Full marks on every standard item, except the items given (number → points)."""
    entries: dict[str, dict[str, Any]] = {
        i.number: {"points": str(i.max_points)} for i in rubric.items() if i.kind is Kind.STANDARD
    }
    for number, value in (changed or {}).items():
        entries[number] = {"points": value}
    return entries


def sheet(
    rubric: Rubric,
    code: str,
    period: str,
    status: Status = Status.APPROVED,
    own: Entries | None = None,
    review: Entries | None = None,
    verification: Entries | None = None,
    after_approval: Entries | None = None,
) -> ScoreRow:
    """A sheet opened, scored layer by layer, then moved to `status`, as the view folds it;
    with `after_approval`, it is approved first, then those review entries are changed."""
    uid = unit_id(code)
    aid = uuid5(uid, f"{rubric.code}:{period}")
    head = SheetHead(aid, uid, UUID(int=1), rubric.code, rubric.version, period, 1)
    changes = [SheetChange(aid, 1, 1, T0, "opener", "station_staff", status=Status.DRAFT.value)]
    layers = [(Layer.SELF, own), (Layer.REVIEW, review), (Layer.VERIFICATION, verification)]
    for layer, entries in layers:
        changes.extend(entry_changes(aid, len(changes), layer, entries or {}))
    if after_approval is not None:
        n = len(changes) + 1
        approved = Status.APPROVED.value
        changes.append(SheetChange(aid, n, n, T0, "closer", "town_reviewer", status=approved))
        changes.extend(entry_changes(aid, n, Layer.REVIEW, after_approval))
    n = len(changes) + 1
    changes.append(SheetChange(aid, n, n, T0, "closer", "town_reviewer", status=status.value))
    return score_row(replay(head, changes), rubric)


def entry_changes(aid: UUID, last: int, layer: Layer, entries: Entries) -> list[SheetChange]:
    """The changes setting `entries` in one layer, numbered after version `last`."""
    return [
        SheetChange(
            *(aid, last + i, last + i, T0, "scorer", "town_reviewer"),
            layer=layer.value,
            item=number,
            entry=entry,
        )
        for i, (number, entry) in enumerate(entries.items(), start=1)
    ]


def d(text: str) -> Decimal:
    return Decimal(text)
