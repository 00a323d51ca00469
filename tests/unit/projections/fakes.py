"""In-memory views and readers, and feeding a store's events to a processor."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from application.store import EventStore
from domain.rubric import Rubric
from domain.rubric_definition import rubric_from_definition
from projections.audit_trail import AuditFilter, AuditRow
from projections.scores import (
    PublishedRubric,
    ScoreRow,
    SheetChange,
    SheetHead,
    replay,
    score_row,
)
from projections.units import ParentLink, UnitRow


@dataclass
class InMemoryUnits:
    """The units view and reader over dicts."""

    units: dict[UUID, UnitRow] = field(default_factory=dict)
    parents: list[ParentLink] = field(default_factory=list)
    history: list[UnitRow] = field(default_factory=list)

    def unit(self, unit_id: UUID) -> UnitRow | None:
        return self.units.get(unit_id)

    def put_unit(self, unit: UnitRow) -> None:
        self.units[unit.unit_id] = unit
        self.history.append(unit)

    def add_parent(self, link: ParentLink) -> None:
        self.parents.append(link)

    def unit_by_code(self, code: str) -> UnitRow | None:
        return next((u for u in self.units.values() if u.code == code), None)

    def all_units(self) -> list[UnitRow]:
        return sorted(self.units.values(), key=lambda u: u.code)

    def parent_history(self, unit_id: UUID) -> list[ParentLink]:
        return sorted((p for p in self.parents if p.unit_id == unit_id), key=lambda p: p.version)

    def units_on(self, day: str) -> list[UnitRow]:
        found: dict[UUID, UnitRow] = {}
        for row in sorted(self.history, key=lambda r: r.version):
            if row.unit_id not in found or row.changed_on <= day:
                found[row.unit_id] = row
        return sorted(found.values(), key=lambda u: u.code)

    def move_days(self) -> list[str]:
        return sorted({p.effective_from for p in self.parents if p.effective_from})

    def parents_on(self, day: str) -> dict[UUID, UUID | None]:
        found: dict[UUID, UUID | None] = {}
        for link in sorted(self.parents, key=lambda p: p.version):
            if link.effective_from <= day:
                found[link.unit_id] = link.parent_id
        return found


@dataclass
class InMemoryAuditTrail:
    """The audit trail view and reader over a list and a dict."""

    added: list[AuditRow] = field(default_factory=list)
    facts: dict[tuple[UUID, str], str] = field(default_factory=dict)

    def add(self, row: AuditRow) -> None:
        self.added.append(row)

    def fact(self, aggregate_id: UUID, name: str) -> str | None:
        return self.facts.get((aggregate_id, name))

    def set_fact(self, aggregate_id: UUID, name: str, value: str) -> None:
        self.facts[(aggregate_id, name)] = value

    def rows(self, where: AuditFilter, limit: int) -> list[AuditRow]:
        def matches(r: AuditRow) -> bool:
            return all(
                (
                    where.assessment_id in (None, r.assessment_id),
                    where.item in (None, r.item),
                    where.actor_id in (None, r.actor_id),
                    where.unit_ids is None or r.unit_id in where.unit_ids,
                    where.since is None or r.occurred_at >= where.since,
                    where.until is None or r.occurred_at < where.until,
                    where.max_position is None or r.position <= where.max_position,
                )
            )

        return sorted(filter(matches, self.added), key=lambda r: -r.position)[:limit]


def feed(store: EventStore, processor: Any, view: Any) -> int:
    """Every event of the store, decoded as a runner would, through the processor."""
    count = 0
    for notification in store.recorder.select_notifications(0, 100_000, inclusive_of_start=False):
        if processor.handles(notification.topic):
            processor.process(store.mapper.to_domain_event(notification), notification.id, view)
            count += 1
    return count


@dataclass
class InMemoryScores:
    """The scores view and reader over dicts: sheets fold at once, rows are scored on read."""

    rubrics: dict[UUID, Rubric] = field(default_factory=dict)
    heads: dict[UUID, SheetHead] = field(default_factory=dict)
    changes: list[SheetChange] = field(default_factory=list)

    def add_rubric(self, rubric: PublishedRubric) -> None:
        self.rubrics[rubric.rubric_id] = rubric_from_definition(rubric.definition, rubric.code)

    def open_sheet(self, head: SheetHead, change: SheetChange) -> None:
        self.heads[head.assessment_id] = head
        self.changes.append(change)

    def change_sheet(self, change: SheetChange) -> None:
        if change.assessment_id not in self.heads:
            raise LookupError(f"assessment {change.assessment_id} changed before it was opened")
        self.changes.append(change)

    def sheet(self, assessment_id: UUID, as_of: int | None = None) -> ScoreRow | None:
        head = self.heads.get(assessment_id)
        if head is None or (as_of is not None and head.position > as_of):
            return None
        mine = [
            c
            for c in self.changes
            if c.assessment_id == assessment_id and (as_of is None or c.position <= as_of)
        ]
        return score_row(replay(head, mine), self.rubrics[head.rubric_id])
