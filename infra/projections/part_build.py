"""One process of a parallel rebuild: the events of its share of the aggregates, applied to
the versions being built, up to the log position the rebuild began at. Each process reads
the log in windows of positions (the log's index on its position finds them), keeping the
rows of its share: no query walks the log beyond its window."""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from operator import itemgetter
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
    """What one process builds: the (projection, version) pairs whose aggregates are shared
    out, its part of `parts`, the log position to stop at, and the pairs it builds whole
    (`whole`: projections of a few topics). `env` opens the same event store in the
    process."""

    env: dict[str, str]
    builds: tuple[tuple[str, int], ...]
    part: int
    parts: int
    head: int
    batch_size: int
    whole: tuple[tuple[str, int], ...] = ()


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
        builds = [
            (PROJECTIONS[name](db), version, whole)
            for pairs, whole in ((part.builds, False), (part.whole, True))
            for name, version in pairs
        ]
        for projection, version, _ in builds:
            projection.view.building(version, fresh=True)
        topics = frozenset().union(
            *(
                _whole_topics(p) if whole else SHARED.get(p.name, frozenset())
                for p, _, whole in builds
            )
        )
        for batch in _batches(db, part, topics):
            failed = _apply(db, store, builds, batch)
            if failed is not None:
                return failed
        with db.write() as tx:
            for projection, _, _ in builds:
                projection.view.settle(tx)
        return None
    finally:
        store.close()


def _whole_topics(projection: Projection[Any]) -> frozenset[str]:
    topics = projection.processor.topics
    assert topics is not None, f"{projection.name} reads most topics: it is shared out"
    return topics


class _Stopped(Exception):
    def __init__(self, failed: PartFailed) -> None:
        self.failed = failed


def _apply(
    db: Database, store: EventStore, builds: list[tuple[Projection[Any], int, bool]], batch: Batch
) -> PartFailed | None:
    """Apply a batch to every version in one transaction; what stopped it, if anything (the
    transaction is then rolled back: the version is dropped in any case)."""
    decode = SharedDecoding(store.mapper)
    try:
        with db.write(durable=False) as tx:
            for projection, version, whole in builds:
                projection.view.begin(tx, version)
                _apply_one(projection, version, batch, decode, whole)
                projection.view.flush()
    except _Stopped as stopped:
        return stopped.failed
    return None


def _apply_one(
    projection: Projection[Any], version: int, batch: Batch, decode: SharedDecoding, whole: bool
) -> None:
    processor, view = projection.processor, projection.view
    shared = SHARED.get(projection.name, frozenset())
    for notification, mine in batch:
        topic = notification.topic
        if (whole or mine or topic in shared) and processor.handles(topic):
            try:
                processor.process(decode(notification), notification.id, view)
            except Exception as error:
                failure = Failure.of(notification, error)
                raise _Stopped(PartFailed(projection.name, version, failure)) from error


def _batches(db: Database, part: Part, topics: frozenset[str]) -> Iterator[Batch]:
    """The part's events (and every event of `topics`) up to the head, a window of the log
    at a time (about `batch_size` events of the part), each read on another connection
    while the one before is applied."""
    window = part.batch_size * part.parts
    bounds = [(after, min(after + window, part.head)) for after in range(0, part.head, window)]
    if not bounds:
        return
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="part-read") as reader:
        ahead = reader.submit(_read, db, part, topics, *bounds[0])
        for following in [*bounds[1:], None]:
            batch = ahead.result()
            if following is not None:
                ahead = reader.submit(_read, db, part, topics, *following)
            if batch:
                yield batch


def _read(db: Database, part: Part, topics: frozenset[str], after: int, upto: int) -> Batch:
    assert db.postgres is not None
    of_part = f"{db.part_of(part.parts)} = %s"
    statement = (
        f"SELECT notification_id, originator_id, originator_version, topic, state, {of_part} "
        f"FROM {db.events_table} WHERE notification_id > %s AND notification_id <= %s "
        f"AND ({of_part} OR topic = ANY(%s))"
    )
    params = (part.part, after, upto, part.part, sorted(topics))
    with (
        db.postgres.get_connection() as connection,
        connection.cursor(row_factory=tuple_row) as cursor,
    ):
        cursor.execute(statement, params, prepare=True)
        rows: list[tuple[Any, ...]] = cursor.fetchall()
    # Put in log order here: PostgreSQL would sort the whole window's rows, payloads and
    # all, and spill them to disk beyond its small working memory.
    rows.sort(key=itemgetter(0))
    return [
        (Notification(id=i, originator_id=o, originator_version=v, topic=t, state=bytes(s)), m)
        for i, o, v, t, s, m in rows
    ]
