"""Loading aggregates from the store: now, at a version, or as they stood at a moment."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from application.errors import NotFoundError
from application.ports import Clock
from application.store import EventStore
from domain.audit import AuditedAggregate

A = TypeVar("A", bound=AuditedAggregate)


def replay(aggregate: Any, events: Iterable[Any]) -> Any:
    """Apply stored events in order (the library's projector also re-checks each event's
    protocol, which costs more than the replay itself)."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


class StoredAggregates:
    """Reads aggregates of the one store for the read services and the authorizer (commands
    run on the bus)."""

    def __init__(self, store: EventStore, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def find(self, cls: type[A], aggregate_id: UUID) -> A | None:
        """The aggregate of this class with this id, or None."""
        try:
            aggregate: object = self.store.repository.get(aggregate_id, projector_func=replay)
        except AggregateNotFoundError:
            return None
        return aggregate if isinstance(aggregate, cls) else None

    def load(self, cls: type[A], aggregate_id: UUID, what: str) -> A:
        aggregate = self.find(cls, aggregate_id)
        if aggregate is None:
            raise NotFoundError(f"{what} not found")
        return aggregate

    def load_at(
        self,
        cls: type[A],
        aggregate_id: UUID,
        what: str,
        version: int | None = None,
        as_of: datetime | None = None,
    ) -> A:
        """The aggregate now, at a version, or as it stood at a moment (its last event at or
        before that time, found through the timestamp index)."""
        if as_of is not None:
            found = self.store.history.version_at(aggregate_id, as_of)
            if found is None:
                raise NotFoundError(f"{what} did not exist at {as_of.isoformat()}")
            version = found if version is None else min(version, found)
        current = self.load(cls, aggregate_id, what)
        if version is None or version >= current.version:
            return current
        if version < 1:
            raise NotFoundError(f"{what} has no version {version}")
        past: A = self.store.repository.get(aggregate_id, version=version, projector_func=replay)
        return past
