"""The audit trail: one row per event that changed anything, queried newest first by page."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple, Protocol
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.audit import AuditedAggregate
from domain.command_record import CommandRecord
from projections.audit_changes import Change, Facts, as_json, change_of
from projections.units import UnitsReader, subtree

AUDIT_TRAIL = "audit_trail"
MAX_PAGE = 500
IN_COLUMNS = frozenset(
    (
        *("originator_id", "originator_version", "originator_topic", "timestamp", "hash"),
        *("actor_id", "actor_role", "actor_unit", "correlation_id", "reason", "prev_hash"),
        *("item", "layer", "entry", "previous", "counted"),
        "definition",  # a whole rubric: it stays in the rubric version's own event
    )
)
"""Payload fields shown in their own columns (or left out); the rest go to `detail`."""


class AuditRow(NamedTuple):
    """Who (actor, role, unit acted for), when, what (aggregate, assessment, unit concerned,
    item, layer, old and the layer it counted in → new, detail), why (reason), and which
    event (id, topic, hash).

    A named tuple in the order of the table's columns: one is made for every event, and
    the view writes it as it is, only its ids and time put into their stored form."""

    position: int
    occurred_at: datetime
    actor_id: str
    actor_role: str
    actor_unit: str
    correlation_id: str
    aggregate_id: UUID
    aggregate_version: int
    aggregate_kind: str
    topic: str
    assessment_id: UUID | None
    unit_id: UUID | None
    item: str | None
    layer: str | None
    old_layer: str | None
    old: str | None
    new: str | None
    detail: str | None
    reason: str
    hash: str

    @property
    def event_id(self) -> str:
        """The event's identity: its aggregate and version."""
        return f"{self.aggregate_id}:{self.aggregate_version}"

    @property
    def event_name(self) -> str:
        return self.topic.rpartition(":")[2]


class AuditTrailView(Facts, Protocol):
    """What the audit trail processor writes: rows, and the facts it keeps to show old values."""

    def add(self, row: AuditRow) -> None: ...


class AuditTrail:
    """The audit trail processor: every audited event except idempotency records."""

    name = AUDIT_TRAIL
    revision = 5
    """3: refusals aimed at an assessment carry its id; 4: the old value's layer; 5: its SQL
    view shows NUL as a sign (a version built before may hold NUL)."""
    topics: frozenset[str] | None = None
    skipped = frozenset({get_topic(CommandRecord.Recorded)})

    def handles(self, topic: str) -> bool:
        return topic not in self.skipped

    def process(self, event: Any, position: int, view: AuditTrailView) -> None:
        if not isinstance(event, AuditedAggregate.Event):
            return
        view.add(row_of(event, position, change_of(event, view)))


def row_of(event: Any, position: int, change: Change) -> AuditRow:
    state = event.__dict__
    detail = None if IN_COLUMNS.issuperset(state) else _detail(state)
    kind, assessment_id, unit_id, item, layer, old_layer, old, new = change
    # Made from the tuple directly: the generated keyword constructor costs more.
    return _new_row(
        AuditRow,
        (
            *(position, event.timestamp, event.actor_id, event.actor_role, event.actor_unit),
            *(event.correlation_id, event.originator_id, event.originator_version, kind),
            *(get_topic(type(event)), assessment_id, unit_id, item, layer, old_layer, old),
            *(new, detail),
            *(event.reason, event.hash),
        ),
    )


def _detail(state: dict[str, Any]) -> str | None:
    """The payload fields that have no column of their own, as canonical JSON."""
    extra = state.keys() - IN_COLUMNS
    return as_json({k: state[k] for k in extra}) if extra else None


_new_row: Callable[[type[AuditRow], tuple[Any, ...]], AuditRow] = tuple.__new__


@dataclass(frozen=True)
class AuditFilter:
    """Rows the reader selects: every condition given holds (None: any)."""

    assessment_id: UUID | None = None
    item: str | None = None
    actor_id: str | None = None
    unit_ids: frozenset[UUID] | None = None
    since: datetime | None = None
    until: datetime | None = None
    max_position: int | None = None


class AuditTrailReader(Protocol):
    def rows(self, where: AuditFilter, limit: int) -> list[AuditRow]:
        """Up to `limit` rows matching `where`, newest (highest position) first."""
        ...


@dataclass(frozen=True)
class AuditQuery:
    """A page of the trail. `unit_id` selects the unit's subtree (under the hierarchy in
    force on `unit_on`, default the latest); `since`/`until` bound the event time (until
    exclusive); `as_of` bounds the log position (inclusive); `before` is the cursor of the
    next page (the position of the last row shown)."""

    assessment_id: UUID | None = None
    item: str | None = None
    actor_id: str | None = None
    unit_id: UUID | None = None
    unit_on: date | None = None
    since: datetime | None = None
    until: datetime | None = None
    as_of: int | None = None
    before: int | None = None
    limit: int = 50


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    next_before: int | None
    """Pass as `before` for the next (older) page; None when this is the last."""


def audit_trail(trail: AuditTrailReader, units: UnitsReader, query: AuditQuery) -> AuditPage:
    """One page of the trail, newest first, by keyset on the log position."""
    if not 1 <= query.limit <= MAX_PAGE:
        msg = f"a page holds 1 to {MAX_PAGE} rows; asked for {query.limit}"
        raise ValueError(msg)
    before = None if query.before is None else query.before - 1
    bounds = [b for b in (query.as_of, before) if b is not None]
    where = AuditFilter(
        assessment_id=query.assessment_id,
        item=query.item,
        actor_id=query.actor_id,
        unit_ids=None if query.unit_id is None else subtree(units, query.unit_id, query.unit_on),
        since=query.since,
        until=query.until,
        max_position=min(bounds) if bounds else None,
    )
    if where.max_position is not None and where.max_position < 1:
        return AuditPage([], None)
    rows = trail.rows(where, query.limit + 1)
    more = len(rows) > query.limit
    return AuditPage(rows[: query.limit], rows[query.limit - 1].position if more else None)
