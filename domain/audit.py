"""Audited events and aggregates: who acted, for which unit, when, why, and the hash chain."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from functools import cached_property
from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.canonical import canonical_json
from domain.errors import DomainError

GENESIS = "0" * 64
"""The previous hash of every aggregate's first event."""

NOT_IN_PAYLOAD = frozenset({"originator_id", "originator_version", "hash", "class_version"})
_SET_BY_EMIT = NOT_IN_PAYLOAD | {"timestamp"}


@dataclass(frozen=True)
class Stamp:
    """Who acts, in which role, for which unit, when (server time), under which request."""

    actor_id: str
    role: str
    unit_id: str
    at: datetime
    correlation_id: str

    def __post_init__(self) -> None:
        if self.at.tzinfo is None:
            msg = "a stamp's time must be timezone-aware"
            raise ValueError(msg)

    @cached_property
    def at_text(self) -> str:
        """`at` as the canonical encoding writes it; made once for all a command's events."""
        return self.at.isoformat()


def topic_of(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


def event_hash(originator_id: UUID, version: int, topic: str, state: dict[str, Any]) -> str:
    """SHA-256 over the canonical encoding of aggregate id, version, topic and payload.

    `state` is the event as stored; the hash itself and storage bookkeeping are left out."""
    payload = {k: v for k, v in state.items() if k not in NOT_IN_PAYLOAD}
    return _payload_hash(originator_id, version, topic, payload)


def _payload_hash(originator_id: UUID, version: int, topic: str, payload: dict[str, Any]) -> str:
    # The id is written as str(originator_id), by the encoder rather than here.
    body = {"id": originator_id, "version": version, "topic": topic, "payload": payload}
    return hashlib.sha256(canonical_json(body)).hexdigest()


class AuditedAggregate(Aggregate):
    """An aggregate whose every event carries the audit fields and extends its hash chain.

    Subclasses define a no-argument __init__: their state comes only from events' apply."""

    last_hash: str

    def __init__(self) -> None:
        """State comes from the events' apply methods."""

    class Event(Aggregate.Event):
        actor_id: str
        actor_role: str
        actor_unit: str
        correlation_id: str
        reason: str
        prev_hash: str
        hash: str

        def apply(self, aggregate: Any) -> None:
            aggregate.last_hash = self.hash

    class Created(Event, Aggregate.Created):
        pass

    def _emit(self, event_class: type[Any], stamp: Stamp, reason: str = "", **fields: Any) -> None:
        """Trigger the next event of this aggregate with its audit fields and hash."""
        state = audit_fields(stamp, reason, self.last_hash) | fields
        version = self.version + 1
        topic = topic_of(event_class)
        if _SET_BY_EMIT.isdisjoint(fields):
            # What event_hash would hash, without filtering: the state holds no key left out
            # of the payload, and its timestamp is the stamp's.
            payload = state | {"timestamp": stamp.at_text}
            digest = _payload_hash(self.id, version, topic, payload)
        else:
            digest = event_hash(self.id, version, topic, state)
        self.trigger_event(event_class, hash=digest, **state)

    @classmethod
    def _start(
        cls: type[A],
        event_class: type[Any],
        aggregate_id: UUID,
        stamp: Stamp,
        **fields: Any,
    ) -> A:
        """Create the aggregate with its first event (version 1, previous hash GENESIS)."""
        state = audit_fields(stamp, "", GENESIS) | fields
        state["originator_topic"] = topic_of(cls)
        digest = event_hash(aggregate_id, 1, topic_of(event_class), state)
        del state["originator_topic"]
        return cls._create(event_class, id=aggregate_id, hash=digest, **state)


A = TypeVar("A", bound=AuditedAggregate)


def audit_fields(stamp: Stamp, reason: str, prev_hash: str) -> dict[str, Any]:
    return {
        "timestamp": stamp.at,
        "actor_id": stamp.actor_id,
        "actor_role": stamp.role,
        "actor_unit": stamp.unit_id,
        "correlation_id": stamp.correlation_id,
        "reason": reason,
        "prev_hash": prev_hash,
    }


def require_reason(reason: str, action: str) -> str:
    if not reason.strip():
        raise DomainError(f"a reason is required to {action}")
    return reason.strip()
