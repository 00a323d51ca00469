"""The transparency log's leaves, recomputed from the stored events in notification order."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder

from domain.ledger_leaf import event_leaf
from domain.merkle import leaf_hash


@dataclass(frozen=True)
class LoggedEvent:
    """One stored event as a leaf: where it is in the log and what it hashes to."""

    position: int
    aggregate_id: UUID
    version: int
    leaf: bytes


def logged_events(
    recorder: ApplicationRecorder, after: int = 0, upto: int | None = None, batch: int = 1000
) -> Iterator[LoggedEvent]:
    """Every stored event with a notification id in (after, upto], as its leaf hash.

    The leaves are made from the rows as they are now, never from a cache: this is what a
    checkpoint kept elsewhere is compared with."""
    stop = (recorder.max_notification_id() or 0) if upto is None else upto
    start = after
    while start < stop:
        page = recorder.select_notifications(start, batch, stop=stop, inclusive_of_start=False)
        if not page:
            return
        for n in page:
            aggregate_id = UUID(str(n.originator_id))
            data = event_leaf(aggregate_id, n.originator_version, n.topic, bytes(n.state))
            yield LoggedEvent(n.id, aggregate_id, n.originator_version, leaf_hash(data))
        start = page[-1].id
