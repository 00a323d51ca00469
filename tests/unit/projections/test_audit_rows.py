"""Audit rows made straight from the events (a named tuple in column order, entries' JSON
shared) equal the rows made field by field before, and the SQL view writes the same values."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from eventsourcing.utils import get_topic

from application.service import Kaohe
from domain.assessment_events import EntryChanged
from domain.audit import AuditedAggregate
from domain.canonical import canonical_json
from infra.projections.audit_trail_sql import SqlAuditTrailView
from projections.audit_changes import RULES, Change, kind_of
from projections.audit_trail import IN_COLUMNS, AuditRow, AuditTrail, row_of
from projections.processing import Dispatch
from projections.scores import entry_json
from tests.unit.projections.activity import Quarter
from tests.unit.projections.fakes import InMemoryAuditTrail

FIELDS = (
    *("position", "occurred_at", "actor_id", "actor_role", "actor_unit", "correlation_id"),
    *("aggregate_id", "aggregate_version", "aggregate_kind", "topic", "assessment_id"),
    *("unit_id", "item", "layer", "old_layer", "old", "new", "detail", "reason", "hash"),
)


def field_by_field(event: Any, position: int, change: Change) -> dict[str, Any]:
    """The row as it was made before: by name, from `vars(event)` and the change."""
    state = vars(event)
    extra = None if IN_COLUMNS.issuperset(state) else state.keys() - IN_COLUMNS
    detail = {k: state[k] for k in extra} if extra else None
    return {
        "position": position,
        "occurred_at": event.timestamp,
        "actor_id": event.actor_id,
        "actor_role": event.actor_role,
        "actor_unit": event.actor_unit,
        "correlation_id": event.correlation_id,
        "aggregate_id": event.originator_id,
        "aggregate_version": event.originator_version,
        "aggregate_kind": change.kind,
        "topic": get_topic(type(event)),
        "assessment_id": change.assessment_id,
        "unit_id": change.unit_id,
        "item": change.item,
        "layer": change.layer,
        "old_layer": change.old_layer,
        "old": change.old,
        "new": change.new,
        "detail": canonical_json(detail).decode() if detail else None,
        "reason": event.reason,
        "hash": event.hash,
    }


def audited(app: Kaohe) -> list[tuple[int, Any]]:
    log = app.store.recorder.select_notifications(1, 10_000)
    events = [(n.id, app.store.mapper.to_domain_event(n)) for n in log]
    return [(p, e) for p, e in events if isinstance(e, AuditedAggregate.Event)]


def test_rows_made_from_events_equal_the_rows_made_field_by_field(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    rules, facts = Dispatch(RULES), InMemoryAuditTrail()
    events = audited(memory_app)
    with_detail = 0
    for position, event in events:
        rule = rules.find(type(event))
        change = rule(event, facts) if rule else Change(kind_of(event))
        row = row_of(event, position, change)
        assert type(row) is AuditRow
        assert tuple(row._fields) == FIELDS
        assert row._asdict() == field_by_field(event, position, change)
        with_detail += row.detail is not None
    assert len(events) > 50
    assert with_detail > 0


def test_entry_changes_show_the_canonical_json_of_their_entries(
    memory_app: Kaohe, quarter: Quarter
) -> None:
    facts = InMemoryAuditTrail()
    changed = [e for _, e in audited(memory_app) if isinstance(e, EntryChanged)]
    assert changed
    for event in changed:
        rule = Dispatch(RULES).find(type(event))
        assert rule is not None
        change = rule(event, facts)
        counted = event.counted or {"layer": None, "entry": None}
        old = None if counted["entry"] is None else canonical_json(counted["entry"]).decode()
        assert (change.old_layer, change.old) == (counted["layer"], old)
        assert change.new == canonical_json(event.entry).decode()
        assert entry_json(event.entry) == canonical_json(event.entry).decode()


def test_entry_json_is_the_canonical_json_of_any_entry() -> None:
    entries: list[dict[str, Any]] = [
        {"points": "1"},
        {"points": "0.5"},
        {"points": 1},
        {"points": None},
        {"rate": "0.5"},
        {"points": "1", "note": "台账"},
        {"deductions": [{"points": "0.5", "reason": "x"}]},
        {},
    ]
    for entry in entries * 2:
        assert entry_json(entry) == canonical_json(entry).decode()


class Clock:
    """What the SQL view asks of its database when it turns a row into its column values."""

    def time(self, at: datetime) -> object:
        return ("stored", at)


def id_or_none(value: UUID | None) -> str | None:
    return None if value is None else str(value)


def test_the_sql_view_writes_each_row_in_column_order(memory_app: Kaohe, quarter: Quarter) -> None:
    trail = InMemoryAuditTrail()
    processor = AuditTrail()
    for position, event in audited(memory_app):
        processor.process(event, position, trail)
    view = SqlAuditTrailView(Clock())  # type: ignore[arg-type]
    for r in trail.added:
        view.add(r)
    expected = [
        (
            *(r.position, ("stored", r.occurred_at), r.actor_id, r.actor_role, r.actor_unit),
            *(r.correlation_id, str(r.aggregate_id), r.aggregate_version, r.aggregate_kind),
            *(r.topic, id_or_none(r.assessment_id), id_or_none(r.unit_id), r.item, r.layer),
            *(r.old_layer, r.old, r.new, r.detail, r.reason, r.hash),
        )
        for r in trail.added
    ]
    assert view._rows == expected
    assert len(expected) > 50
