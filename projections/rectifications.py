"""The rectifications read model (整改台账): each item's unit, period, source, owner,
deadline and status, as it stands after its last event."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Protocol
from uuid import UUID

from domain.rectification import Rectification, Status
from projections.processing import HandledProcessor

RECTIFICATIONS = "rectifications"


@dataclass(frozen=True)
class RectificationRow:
    """An item as it stands; `opened_position` orders items as they were opened."""

    rectification_id: UUID
    unit_id: UUID
    period: str
    source_kind: str
    campaign_id: UUID | None
    assessment_id: UUID | None
    signal_id: str | None
    problem: str
    owner_account: UUID | None
    owner_role: str | None
    deadline: date
    status: str
    opened_at: datetime
    reported_at: datetime | None
    closed_at: datetime | None
    opened_position: int
    version: int
    position: int

    def overdue(self, today: date) -> bool:
        """Not closed and its deadline (a China day) has passed."""
        return self.status != Status.CLOSED.value and today > self.deadline


class RectificationsView(Protocol):
    """What the rectifications processor writes (and reads back) in one batch."""

    def rectification(self, rectification_id: UUID) -> RectificationRow | None: ...

    def put_rectification(self, row: RectificationRow) -> None:
        """Insert or replace the item's row."""
        ...


class RectificationsReader(Protocol):
    """The read side of the rectifications view."""

    def all_rectifications(self) -> list[RectificationRow]:
        """Every item, in the order opened."""
        ...


def _uuid(value: object) -> UUID | None:
    return None if value is None else UUID(str(value))


def _opened(e: Rectification.Opened, position: int, view: RectificationsView) -> None:
    source = e.source
    row = RectificationRow(
        rectification_id=e.originator_id,
        unit_id=e.unit_id,
        period=e.period,
        source_kind=source["kind"],
        campaign_id=_uuid(source.get("campaign_id")),
        assessment_id=_uuid(source.get("assessment_id")),
        signal_id=source.get("signal_id"),
        problem=e.problem,
        owner_account=e.owner_account,
        owner_role=e.owner_role,
        deadline=date.fromisoformat(e.deadline),
        status=Status.OPEN.value,
        opened_at=e.timestamp,
        reported_at=None,
        closed_at=None,
        opened_position=position,
        version=e.originator_version,
        position=position,
    )
    view.put_rectification(row)


def _change(e: Any, position: int, view: RectificationsView, **fields: Any) -> None:
    current = view.rectification(e.originator_id)
    if current is None:
        msg = f"rectification {e.originator_id} changed at position {position} before it opened"
        raise LookupError(msg)
    changed = replace(current, version=e.originator_version, position=position, **fields)
    view.put_rectification(changed)


Handler = Callable[[Any, int, RectificationsView], None]

HANDLERS: Mapping[type, Handler] = {
    Rectification.Opened: _opened,
    Rectification.Reported: lambda e, p, v: _change(
        e, p, v, status=Status.REPORTED.value, reported_at=e.timestamp
    ),
    Rectification.Closed: lambda e, p, v: _change(
        e, p, v, status=Status.CLOSED.value, closed_at=e.timestamp
    ),
    Rectification.Reopened: lambda e, p, v: _change(
        e, p, v, status=Status.OPEN.value, deadline=date.fromisoformat(e.deadline)
    ),
}


class Rectifications(HandledProcessor[RectificationsView]):
    """The rectifications processor: one row per item."""

    name = RECTIFICATIONS
    handlers = HANDLERS
    revision = 1
