"""One process of a parallel rebuild: the events of its share of the aggregates, applied to
the versions being built, up to the log position the rebuild began at."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

from eventsourcing.persistence import Notification
from eventsourcing.utils import get_topic
from psycopg.rows import tuple_row

from application.store import EventStore
from domain.rubric_version import RubricVersion
from infra.projections.database import Database
from infra.projections.failures import Failure
from infra.projections.models import PROJECTIONS
from infra.projections.runner import SharedDecoding
from infra.projections.view import Projection
from projections.scores import SCORES

SHARED: dict[str, frozenset[str]] = {SCORES: frozenset({get_topic(RubricVersion.Published)})}
"""Topics of other aggregates a partitioned projection needs in every part (the scores view
scores each sheet with its rubric); its view writes them idempotently."""

Batch = list[tuple[Notification, bool]]
"""Notifications in log order, each with whether its aggregate is of this part."""


@dataclass(frozen=True)
class Part:
    """What one process builds: the (projection, version) pairs, its part of `parts`, and the
    log position to stop at. `env` opens the same event store in the process."""

    env: dict[str, str]
    builds: tuple[tuple[str, int], ...]
    part: int
    parts: int
    head: int
    batch_size: int


@dataclass(frozen=True)
class PartFailed:
    """The event a part could not apply, and the projection version that met it."""

    name: str
    version: int
    failure: Failure


def build_part(part: Part) -> PartFailed | None:
    """Apply the part's events to every version, batch by batch, then settle each view."""
    store = EventStore(env=part.env)
    try:
        db = Database(store)
        builds = [(PROJECTIONS[name](db), version) for name, version in part.builds]
        for projection, version in builds:
            projection.view.building(version, fresh=True)
        decode_topics = frozenset().union(*(SHARED.get(p.name, frozenset()) for p, _ in builds))
        for batch in _batches(db, part, decode_topics):
            failed = _apply(db, store, builds, batch)
            if failed is not None:
                return failed
        with db.write() as tx:
            for projection, _ in builds:
                projection.view.settle(tx)
        return None
    finally:
        store.close()


class _Stopped(Exception):
    def __init__(self, failed: PartFailed) -> None:
        self.failed = failed


def _apply(
    db: Database, store: EventStore, builds: list[tuple[Projection[Any], int]], batch: Batch
) -> PartFailed | None:
    """Apply a batch to every version in one transaction; what stopped it, if anything (the
    transaction is then rolled back: the version is dropped in any case)."""
    decode = SharedDecoding(store.mapper)
    try:
        with db.write(durable=False) as tx:
            for projection, version in builds:
                projection.view.begin(tx, version)
                _apply_one(projection, version, batch, decode)
                projection.view.flush()
    except _Stopped as stopped:
        return stopped.failed
    return None


def _apply_one(
    projection: Projection[Any], version: int, batch: Batch, decode: SharedDecoding
) -> None:
    processor, view = projection.processor, projection.view
    shared = SHARED.get(projection.name, frozenset())
    for notification, mine in batch:
        topic = notification.topic
        if (mine or topic in shared) and processor.handles(topic):
            try:
                processor.process(decode(notification), notification.id, view)
            except Exception as error:
                failure = Failure.of(notification, error)
                raise _Stopped(PartFailed(projection.name, version, failure)) from error


def _batches(db: Database, part: Part, shared: frozenset[str]) -> Iterator[Batch]:
    """The part's events (and every event of a shared topic) up to the head, each batch
    read on another connection while the one before is applied."""
    after = 0
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="part-read") as reader:
        batch = _read(db, part, shared, after)
        while batch:
            full = len(batch) == part.batch_size
            ahead = reader.submit(_read, db, part, shared, batch[-1][0].id) if full else None
            yield batch
            if ahead is None:
                return
            batch = ahead.result()


def _read(db: Database, part: Part, shared: frozenset[str], after: int) -> Batch:
    assert db.postgres is not None
    of_part = f"{db.part_of(part.parts)} = %s"
    statement = (
        f"SELECT notification_id, originator_id, originator_version, topic, state, {of_part} "
        f"FROM {db.events_table} WHERE notification_id > %s AND notification_id <= %s "
        f"AND ({of_part} OR topic = ANY(%s)) ORDER BY notification_id LIMIT %s"
    )
    params = (part.part, after, part.head, part.part, sorted(shared), part.batch_size)
    with (
        db.postgres.get_connection() as connection,
        connection.cursor(row_factory=tuple_row) as cursor,
    ):
        cursor.execute(statement, params, prepare=True)
        rows: Sequence[tuple[Any, ...]] = cursor.fetchall()
    return [
        (Notification(id=i, originator_id=o, originator_version=v, topic=t, state=bytes(s)), m)
        for i, o, v, t, s, m in rows
    ]
