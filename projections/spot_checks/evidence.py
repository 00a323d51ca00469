"""What spot-check results point at: events of the history, and the signals themselves."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.rubric import Rubric
from domain.workflow import Layer
from projections.scores import ScoreRow, SheetChange, Summary, summarize

ENTRY_EVENTS = frozenset(
    {
        "ItemScored",
        "ScoredFromFile",
        "DeductionApplied",
        "BonusClaimed",
        "BonusWithdrawn",
        "VetoRaised",
        "VetoLifted",
        "ProgressEntered",
    }
)
"""The events that change an item's entry."""


@dataclass(frozen=True)
class EventRef:
    """One event behind a result: a link into the audit trail (event id = aggregate:version,
    and its log position)."""

    assessment_id: UUID
    version: int
    position: int
    event: str
    at: datetime

    @property
    def event_id(self) -> str:
        return f"{self.assessment_id}:{self.version}"

    def to_json(self) -> dict[str, Any]:
        return {
            "event_id": self.event_id,
            "assessment_id": str(self.assessment_id),
            "version": self.version,
            "position": self.position,
            "event": self.event,
            "at": self.at.isoformat(),
        }


def ref(change: SheetChange) -> EventRef:
    return EventRef(change.assessment_id, change.version, change.position, change.event, change.at)


@dataclass(frozen=True)
class Signal:
    """One risk signal: what fired, about whom (an assessment, a town or an account), why in
    words, the figures behind it and the events that show it."""

    kind: str
    subject: str
    """"assessment", "town" or "account"."""
    subject_id: str
    explanation: str
    events: tuple[EventRef, ...]
    figures: Mapping[str, str] = field(default_factory=dict)
    assessments: tuple[UUID, ...] = ()
    """The sheets concerned (for a town or an account: the sheets behind it)."""

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "subject": self.subject,
            "subject_id": self.subject_id,
            "explanation": self.explanation,
            "figures": dict(self.figures),
            "assessments": [str(a) for a in self.assessments],
            "events": [e.to_json() for e in self.events],
        }


RubricOf = Callable[[UUID], Rubric]


def figure(value: Decimal, places: int = 4) -> str:
    """A figure as plain text, rounded, without trailing zeros (2.5, not 2.5000)."""
    text = f"{round(value, places):f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def layer_summary(row: ScoreRow, rubric: Rubric, top: Layer) -> Summary:
    """The sheet's score counting only the layers up to `top` (self < review < verification)."""
    order = [Layer.SELF, Layer.REVIEW, Layer.VERIFICATION]
    kept = order[: order.index(top) + 1]
    return summarize(rubric, {la.value: row.layers.get(la.value, {}) for la in kept})


def has_layer(row: ScoreRow, layer: Layer) -> bool:
    return bool(row.layers.get(layer.value))


def entry_changes(history: Iterable[SheetChange]) -> list[SheetChange]:
    return [c for c in history if c.event in ENTRY_EVENTS]


def last_of(history: Iterable[SheetChange], names: Iterable[str]) -> list[SheetChange]:
    """The last change of each named event, in version order."""
    found: dict[str, SheetChange] = {}
    for change in history:
        if change.event in set(names):
            found[change.event] = change
    return sorted(found.values(), key=lambda c: c.version)


def by_id(rows: Iterable[ScoreRow]) -> Mapping[UUID, ScoreRow]:
    return {r.assessment_id: r for r in rows}
