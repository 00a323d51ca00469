"""Running a command: load, check the expected version, change, save once, or replay."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError
from eventsourcing.persistence import IntegrityError

from application.actor import Actor
from application.errors import ConflictError, NotFoundError
from application.ports import Clock, Credential
from application.store import EventStore
from domain.audit import AuditedAggregate, Stamp
from domain.canonical import canonical_json
from domain.command_record import CommandRecord
from domain.ids import command_id

A = TypeVar("A", bound=AuditedAggregate)


def replay(aggregate: Any, events: Iterable[Any]) -> Any:
    """Apply stored events in order (the library's projector also re-checks each event's
    protocol, which costs more than the replay itself)."""
    for event in events:
        aggregate = event.mutate(aggregate)
    return aggregate


@dataclass(frozen=True)
class Outcome:
    """What a command changed: the aggregate, its new version and the log position."""

    id: UUID
    version: int
    position: int

    def as_dict(self) -> dict[str, Any]:
        return {"id": str(self.id), "version": self.version, "position": self.position}


@dataclass(frozen=True)
class Command:
    """The request details that make a command idempotent and traceable."""

    actor: Actor
    correlation_id: str
    idempotency_key: str | None = None
    expected_version: int | None = None


class CommandRunner:
    """One transaction per command; stale versions and reused keys store nothing."""

    def __init__(self, store: EventStore, clock: Clock) -> None:
        self.store = store
        self.clock = clock

    def stamp(self, command: Command) -> Stamp:
        return command.actor.stamp(self.clock.now(), command.correlation_id)

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

    def run(
        self,
        command: Command,
        name: str,
        arguments: dict[str, Any],
        change: Callable[[Stamp], Sequence[AuditedAggregate]],
        credentials: list[Credential] | None = None,
    ) -> Outcome:
        """Apply `change` (which returns the changed aggregates, the main one first) and save
        them with the idempotency record in one transaction."""
        fingerprint = ""
        if command.idempotency_key:
            fingerprint = hashlib.sha256(canonical_json([name, arguments])).hexdigest()
            replayed = self.replay(command, fingerprint)
            if replayed is not None:
                return replayed
        stamp = self.stamp(command)
        aggregates = change(stamp)
        main = aggregates[0]
        if command.expected_version is not None:
            first_pending = main.pending_events[0].originator_version if main.pending_events else 0
            based_on = first_pending - 1 if main.pending_events else main.version
            if based_on != command.expected_version:
                raise ConflictError(
                    f"your change was based on version {command.expected_version}, "
                    f"but it is at version {based_on}; reload and try again",
                    current_version=based_on,
                )
        records: list[AuditedAggregate] = []
        if command.idempotency_key:
            result = {"id": str(main.id), "version": main.version}
            record = CommandRecord.record(stamp, command.idempotency_key, name, fingerprint, result)
            records.append(record)
        try:
            recordings = self.store.save(*aggregates, *records, credentials=credentials or [])
        except IntegrityError:
            replayed = self.replay(command, fingerprint)
            if replayed is not None:
                return replayed
            raise ConflictError(
                f"someone else changed it at the same time; it is now at version "
                f"{self.current_version(main.id)}; reload and try again",
                current_version=self.current_version(main.id),
            ) from None
        position = max((r.notification.id for r in recordings), default=0)
        return Outcome(main.id, main.version, position)

    def update(
        self,
        command: Command,
        name: str,
        arguments: dict[str, Any],
        aggregate: AuditedAggregate,
        action: Callable[[Stamp], object],
    ) -> Outcome:
        """Run a command that changes one loaded aggregate."""

        def change(stamp: Stamp) -> list[AuditedAggregate]:
            action(stamp)
            return [aggregate]

        return self.run(command, name, arguments, change)

    def replay(self, command: Command, fingerprint: str) -> Outcome | None:
        if not command.idempotency_key:
            return None
        record_id = command_id(f"{command.actor.account_id}:{command.idempotency_key}")
        record = self.find(CommandRecord, record_id)
        if record is None:
            return None
        if record.fingerprint != fingerprint:
            raise ConflictError(
                f"idempotency key {command.idempotency_key!r} was already used for a different "
                f"request ({record.command}); use a new key for a new request"
            )
        result = record.result
        # The first run's position is at most the current end of the log.
        return Outcome(
            UUID(result["id"]), int(result["version"]), self.store.history.max_position()
        )

    def current_version(self, aggregate_id: UUID) -> int | None:
        aggregate = self.find(AuditedAggregate, aggregate_id)
        return None if aggregate is None else aggregate.version
