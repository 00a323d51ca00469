"""One command's view of the store: every aggregate it loads is read once and cached."""

from __future__ import annotations

from typing import TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from application.errors import NotFoundError
from application.runner import replay
from application.store import EventStore
from domain.audit import AuditedAggregate

A = TypeVar("A", bound=AuditedAggregate)


class UnitOfWork:
    """The aggregates one command (or one request) reads: the authorizer, the handler and the
    answer share them, so none is replayed from the store twice."""

    def __init__(self, store: EventStore) -> None:
        self.store = store
        self._loaded: dict[UUID, AuditedAggregate | None] = {}

    def find(self, cls: type[A], aggregate_id: UUID) -> A | None:
        """The aggregate of this class with this id, or None (both answers are kept)."""
        if aggregate_id not in self._loaded:
            self._loaded[aggregate_id] = self._read(aggregate_id)
        found = self._loaded[aggregate_id]
        return found if isinstance(found, cls) else None

    def load(self, cls: type[A], aggregate_id: UUID, what: str) -> A:
        found = self.find(cls, aggregate_id)
        if found is None:
            raise NotFoundError(f"{what} not found")
        return found

    def at_version(self, cls: type[A], aggregate_id: UUID, version: int) -> A:
        """The aggregate as it stood at a version (a repeated command's first result)."""
        current = self.load(cls, aggregate_id, f"{cls.__name__} {aggregate_id}")
        if version >= current.version:
            return current
        past: A = self.store.repository.get(aggregate_id, version=version, projector_func=replay)
        return past

    def add(self, aggregate: AuditedAggregate) -> None:
        """Keep an aggregate this unit of work created or saved."""
        self._loaded[aggregate.id] = aggregate

    def forget(self, aggregate_id: UUID) -> None:
        """Drop an aggregate whose change failed, so no half-applied state is answered."""
        self._loaded.pop(aggregate_id, None)

    def _read(self, aggregate_id: UUID) -> AuditedAggregate | None:
        try:
            found: AuditedAggregate = self.store.repository.get(aggregate_id, projector_func=replay)
        except AggregateNotFoundError:
            return None
        return found
