"""The scores read model: each assessment's entries by layer, its status and its score.

Every assessment event becomes one `SheetChange`; folding the changes of an assessment up to
a log position gives its `Sheet` as it stood then, and `summarize` scores it with the pure
scoring function. The live view folds as events arrive; a reading as of an earlier position
(or an assessment's history) makes the same changes again from the stored events up to that
position (`changes_of`), so both give the same row."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any, NamedTuple, Protocol
from uuid import UUID

from eventsourcing.utils import get_topic

from domain.assessment import Assessment
from domain.assessment_events import EntryChanged
from domain.canonical import canonical_json
from domain.entries import ItemEntry
from domain.entry_data import entry_from_data
from domain.layers import counting_layers
from domain.rubric import Rubric
from domain.rubric_version import RubricVersion
from domain.scoring import score
from domain.workflow import PRECEDENCE, Layer, Status
from projections.processing import Dispatch

SCORES = "scores"


@dataclass(frozen=True)
class SheetHead:
    """What an assessment is, fixed when it is opened."""

    assessment_id: UUID
    unit_id: UUID
    rubric_id: UUID
    rubric_code: str
    rubric_version: int
    period: str
    position: int
    """Where it was opened in the log: before that it does not exist."""


class SheetChange(NamedTuple):
    """One assessment event as the scores view keeps it: who, when, and the status it moved
    to or the entry it set (an item's whole entry in one layer). A named tuple: one is made
    for every assessment event, and a tuple is made faster than a frozen dataclass."""

    assessment_id: UUID
    version: int
    position: int
    at: datetime
    actor_id: str
    actor_role: str
    status: str | None = None
    layer: str | None = None
    item: str | None = None
    entry: Mapping[str, Any] | None = None
    event: str = ""
    """The event's name (ItemScored, Returned, EvidenceAttached …)."""


SUBMITTED = Status.SUBMITTED.value
APPROVED = Status.APPROVED.value
REVIEWED = (APPROVED, Status.RETURNED.value)


@dataclass
class Sheet:
    """An assessment's entries and status after the changes folded into it."""

    head: SheetHead
    status: str = Status.DRAFT.value
    layers: dict[str, dict[str, Mapping[str, Any]]] = field(
        default_factory=lambda: {layer.value: {} for layer in Layer}
    )
    version: int = 0
    position: int = 0
    changed_at: datetime | None = None
    changed_by: str = ""
    changed_role: str = ""
    submitted_at: datetime | None = None
    """When it was first submitted: a station that handed up in time and was sent back for
    corrections handed up in time."""
    reviewed_at: datetime | None = None
    """When the reviewing level first approved or returned it."""
    approved_version: int | None = None
    """The sheet's version when it was first approved (None: never approved)."""
    changed_since_approval: bool = False
    """An entry (in any layer) changed after the first approval: the figures that approval
    accepted may differ now. Never cleared, not even by a later approval."""

    def apply(self, change: SheetChange) -> None:
        if change.status is not None:
            self.status = change.status
            if change.status == SUBMITTED and self.submitted_at is None:
                self.submitted_at = change.at
            if change.status in REVIEWED and self.reviewed_at is None:
                self.reviewed_at = change.at
            if change.status == APPROVED and self.approved_version is None:
                self.approved_version = change.version
        if change.layer is not None and change.item is not None and change.entry is not None:
            self.layers[change.layer][change.item] = change.entry
            if self.approved_version is not None:
                self.changed_since_approval = True
        self.version, self.position, self.changed_at = change.version, change.position, change.at
        self.changed_by, self.changed_role = change.actor_id, change.actor_role


def replay(head: SheetHead, changes: Iterable[SheetChange]) -> Sheet:
    """The sheet after `changes` (in version order)."""
    sheet = Sheet(head)
    for change in changes:
        sheet.apply(change)
    return sheet


@dataclass(frozen=True)
class Summary:
    """The score of a sheet's counting entries: what the tables show."""

    base: Decimal
    bonus: Decimal
    deductions: Decimal
    special: Decimal
    total: Decimal
    result: str
    sections: Mapping[tuple[str, ...], Decimal]
    """Each section's subtotal by its path of numbers (top-level sections: a 1-tuple)."""
    points: Mapping[str, Decimal | None]
    """Each item's points in the counting layer (None: not scored)."""
    unscored: tuple[str, ...]
    vetoed_for: tuple[str, ...] = ()
    """The names its raised vetoes were recorded under (e.g. 弄虚作假)."""

    def to_json(self) -> dict[str, Any]:
        named = {"vetoed_for": list(self.vetoed_for)} if self.vetoed_for else {}
        return named | {
            "base": str(self.base),
            "bonus": str(self.bonus),
            "deductions": str(self.deductions),
            "special": str(self.special),
            "total": str(self.total),
            "result": self.result,
            "sections": [[list(path), str(points)] for path, points in self.sections.items()],
            "points": {n: None if p is None else str(p) for n, p in self.points.items()},
            "unscored": list(self.unscored),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Summary:
        return cls(
            base=Decimal(data["base"]),
            bonus=Decimal(data["bonus"]),
            deductions=Decimal(data["deductions"]),
            special=Decimal(data["special"]),
            total=Decimal(data["total"]),
            result=data["result"],
            sections={tuple(path): Decimal(p) for path, p in data["sections"]},
            points={n: None if p is None else Decimal(p) for n, p in data["points"].items()},
            unscored=tuple(data["unscored"]),
            vetoed_for=tuple(data.get("vetoed_for", ())),
        )


LOWEST_FIRST = tuple(layer.value for layer in reversed(PRECEDENCE))
"""Layer names from the lowest up: an entry in a higher layer replaces a lower one's."""


def counting_data(layers: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> dict[str, Any]:
    """Per item, the entry data of the highest layer present: `counting_entries`, in one
    pass over the layers (items in no particular order)."""
    found: dict[str, Any] = {}
    for name in LOWEST_FIRST:
        entries = layers.get(name)
        if entries:
            found.update(entries)
    return found


@lru_cache(maxsize=1024)
def _points_entry(points: str) -> ItemEntry:
    return entry_from_data({"points": points})


def entry_json(data: Mapping[str, Any]) -> str:
    """An entry's canonical JSON; the text of one that gives only points is made once."""
    if len(data) == 1 and type(data) is dict:
        points = data.get("points")
        if type(points) is str:
            return _points_json(points)
    return canonical_json(data).decode()


@lru_cache(maxsize=1024)
def _points_json(points: str) -> str:
    return canonical_json({"points": points}).decode()


def item_entry(data: Mapping[str, Any]) -> ItemEntry:
    """`entry_from_data`, sharing one (immutable) entry among all that give only points."""
    if len(data) == 1:
        points = data.get("points")
        if type(points) is str:
            return _points_entry(points)
    return entry_from_data(data)


def summarize(rubric: Rubric, layers: Mapping[str, Mapping[str, Mapping[str, Any]]]) -> Summary:
    """Score the entries that count (the highest layer present per item). They come from
    events, whose entries were checked against the rubric when they were recorded."""
    entries = {n: item_entry(d) for n, d in counting_data(layers).items()}
    card = score(rubric, entries, checked=True)
    return Summary(
        base=card.base,
        bonus=card.bonus,
        deductions=card.deductions,
        special=card.special,
        total=card.total,
        result=card.result.value,
        sections={s.path: s.points for s in card.sections},
        points={s.number: s.points for s in card.items},
        unscored=card.unscored,
        vetoed_for=card.vetoed_for,
    )


@dataclass(frozen=True)
class ScoreRow:
    """One row of the scores view: an assessment's sheet and its score."""

    head: SheetHead
    status: str
    version: int
    position: int
    changed_at: datetime | None
    changed_by: str
    changed_role: str
    layers: Mapping[str, Mapping[str, Mapping[str, Any]]]
    summary: Summary
    submitted_at: datetime | None = None
    reviewed_at: datetime | None = None
    approved_version: int | None = None
    """The version the sheet was first approved at (None: never approved)."""
    changed_since_approval: bool = False
    """An entry changed after the first approval (see `Sheet.changed_since_approval`)."""

    @property
    def assessment_id(self) -> UUID:
        return self.head.assessment_id

    def counting_layer(self, number: str) -> str | None:
        """The layer whose entry counts for an item (None: no layer has one)."""
        found = counting_layers(self.layers).get(number)
        return None if found is None else found.value


def score_row(sheet: Sheet, rubric: Rubric) -> ScoreRow:
    return ScoreRow(
        sheet.head,
        sheet.status,
        sheet.version,
        sheet.position,
        sheet.changed_at,
        sheet.changed_by,
        sheet.changed_role,
        {layer: dict(entries) for layer, entries in sheet.layers.items()},
        summarize(rubric, sheet.layers),
        sheet.submitted_at,
        sheet.reviewed_at,
        sheet.approved_version,
        sheet.changed_since_approval,
    )


@dataclass(frozen=True)
class PublishedRubric:
    rubric_id: UUID
    code: str
    version: int
    definition: Mapping[str, Any]


class ScoresView(Protocol):
    """What the scores processor writes. The view folds each change into the sheet it keeps
    and scores the sheets a batch changed once, when the batch is written."""

    def add_rubric(self, rubric: PublishedRubric) -> None: ...

    def open_sheet(self, head: SheetHead, change: SheetChange) -> None: ...

    def change_sheet(self, change: SheetChange) -> None: ...


@dataclass(frozen=True)
class SheetFilter:
    """Sheets a reader selects: every condition given holds (None: any)."""

    unit_ids: frozenset[UUID] | None = None
    period: str | None = None
    periods: frozenset[str] | None = None
    rubric_code: str | None = None
    assessment_ids: frozenset[UUID] | None = None


class ScoresReader(Protocol):
    """The read side: sheets now, or as they stood at a log position (inclusive)."""

    def sheet(self, assessment_id: UUID, as_of: int | None = None) -> ScoreRow | None: ...

    def sheets(self, where: SheetFilter, as_of: int | None = None) -> list[ScoreRow]: ...

    def histories(
        self, assessment_ids: Iterable[UUID], as_of: int | None = None
    ) -> dict[UUID, list[SheetChange]]:
        """Each assessment's changes in version order (up to a log position)."""
        ...

    def rubric(self, rubric_id: UUID) -> Rubric: ...

    def rubrics(self) -> list[Rubric]: ...


def change_of(
    event: Any,
    position: int,
    status: str | None = None,
    layer: str | None = None,
    item: str | None = None,
    entry: Mapping[str, Any] | None = None,
) -> SheetChange:
    return _new_change(
        SheetChange,
        (
            *(event.originator_id, event.originator_version, position, event.timestamp),
            *(event.actor_id, event.actor_role, status, layer, item, entry),
            type(event).__qualname__.rpartition(".")[2],
        ),
    )


_new_change: Callable[[type[SheetChange], tuple[Any, ...]], SheetChange] = tuple.__new__


def _opened(e: Assessment.Opened, position: int, view: ScoresView) -> None:
    head = SheetHead(
        e.originator_id, e.unit_id, e.rubric_id, e.rubric_code, e.rubric_version, e.period, position
    )
    view.open_sheet(head, change_of(e, position, status=Status.DRAFT.value))


def _entry(e: EntryChanged, position: int, view: ScoresView) -> None:
    view.change_sheet(change_of(e, position, layer=e.layer, item=e.item, entry=e.entry))


def _status(status: Status) -> Handler:
    return lambda e, p, v: v.change_sheet(change_of(e, p, status=status.value))


def _published(e: RubricVersion.Published, position: int, view: ScoresView) -> None:
    view.add_rubric(PublishedRubric(e.originator_id, e.code, e.version, e.definition))


Handler = Callable[[Any, int, ScoresView], None]

HANDLERS: Mapping[type, Handler] = {
    RubricVersion.Published: _published,
    Assessment.Opened: _opened,
    EntryChanged: _entry,
    Assessment.EvidenceAttached: lambda e, p, v: v.change_sheet(change_of(e, p)),
    Assessment.FindingRecorded: lambda e, p, v: v.change_sheet(change_of(e, p)),
    Assessment.Submitted: _status(Status.SUBMITTED),
    Assessment.Returned: _status(Status.RETURNED),
    Assessment.Approved: _status(Status.APPROVED),
    Assessment.Finalized: _status(Status.FINALIZED),
    Assessment.Reopened: _status(Status.SUBMITTED),
}


class Scores:
    """The scores processor: rubrics as published, and every assessment event."""

    name = SCORES
    revision = 3
    """2: sheets keep when they were first submitted and first reviewed; 3: the version of
    their first approval and whether an entry changed since."""
    topics: frozenset[str] | None = None

    def __init__(self) -> None:
        self._dispatch: Dispatch[Handler] = Dispatch(HANDLERS)
        self._topics = frozenset(get_topic(cls) for cls in HANDLERS) | frozenset(
            get_topic(cls)
            for cls in vars(Assessment).values()
            if isinstance(cls, type) and issubclass(cls, EntryChanged)
        )

    def handles(self, topic: str) -> bool:
        return topic in self._topics

    def process(self, event: Any, position: int, view: ScoresView) -> None:
        handler = self._dispatch.find(type(event))
        if handler is not None:
            handler(event, position, view)


class _Kept:
    """A scores view that only keeps the changes it is given."""

    def __init__(self) -> None:
        self.changes: list[SheetChange] = []

    def add_rubric(self, rubric: PublishedRubric) -> None:
        return None

    def open_sheet(self, head: SheetHead, change: SheetChange) -> None:
        self.changes.append(change)

    def change_sheet(self, change: SheetChange) -> None:
        self.changes.append(change)


def changes_of(scores: Scores, events: Iterable[tuple[Any, int]]) -> list[SheetChange]:
    """The changes the processor makes of (event, log position) pairs, in their order: an
    assessment's history, made again from its stored events."""
    kept = _Kept()
    for event, position in events:
        scores.process(event, position, kept)
    return kept.changes
