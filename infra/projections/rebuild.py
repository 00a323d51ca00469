"""Rebuilding projections: fresh versions built from the log while the old ones serve."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass
from typing import Any

from eventsourcing.persistence import Notification

from application.store import EventStore
from infra.errors import RebuildRunningError, StaleVersionError
from infra.persistence.reachability import STORE_DOWN
from infra.projections.advisory import AdvisoryLock, lock_key
from infra.projections.catalog import Catalog
from infra.projections.database import Database
from infra.projections.runner import ProjectionRunner, SharedDecoding
from infra.projections.view import Projection

Progress = Callable[[int, int], None]
"""Told (position reached, log head) after every batch."""

BATCH = 10_000
"""Events a rebuild reads and applies per transaction: each batch also pays for reading,
locking and moving every version's tracking position."""
FINAL_ROUNDS = 20
"""Batches at most applied inside the switching transaction (new events keep coming)."""


@dataclass
class Build:
    """One projection's version being built, and how far it has come."""

    runner: ProjectionRunner
    version: int
    position: int


def rebuild(
    store: EventStore,
    db: Database,
    projection: Projection[Any],
    batch_size: int = BATCH,
    progress: Progress | None = None,
) -> int:
    """Build a fresh version of the projection from the start of the log (or resume the one a
    stopped rebuild left), make its indexes, and in one transaction apply the last new events
    and make it the serving version; then drop the old version. Returns the new version.

    Readers keep reading the old version until the switch; a live runner keeps it current
    meanwhile and moves to the new version at its next batch."""
    return rebuild_together(store, db, [projection], batch_size, progress)[projection.name]


def rebuild_together(
    store: EventStore,
    db: Database,
    projections: Sequence[Projection[Any]],
    batch_size: int = BATCH,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Rebuild several projections (as `rebuild` does each) from one reading of the log: each
    batch is read and decoded once and applied to every version being built, in one
    transaction. Each is then switched in on its own. Returns the new version of each."""
    catalog = Catalog(db)
    with ExitStack() as locks:
        builds: list[Build] = []
        for projection in projections:
            catalog.ensure(projection)
            lock_rebuild(db, projection.name, locks)
            version = catalog.start_build(projection)
            found = catalog.versions(projection.name)
            position = (found.building_position if found else None) or 0
            runner = ProjectionRunner(store, db, projection, catalog, batch_size)
            builds.append(Build(runner, version, position))
        try:
            for b in builds:
                b.runner.projection.view.building(b.version, fresh=b.position == 0)
            _build(store, db, builds, batch_size, progress)
            with db.write() as tx:
                for b in builds:
                    if catalog.lock(tx, b.runner.name, b.version) is None:
                        raise _dropped(b)
                    b.runner.projection.view.settle(tx)
        finally:
            for b in builds:
                b.runner.projection.view.building(None)
        for b in builds:
            switch_in(b)
    return {b.runner.name: b.version for b in builds}


def lock_rebuild(db: Database, name: str, locks: ExitStack) -> None:
    if db.postgres is None:
        return
    lock = AdvisoryLock(db.postgres, lock_key(db.schema, f"rebuild:{name}"))
    if not lock.try_acquire():
        raise RebuildRunningError(f"another process is rebuilding {name}")
    locks.callback(lock.release)


def _dropped(b: Build) -> StaleVersionError:
    return StaleVersionError(f"{b.runner.name} v{b.version} was dropped while it was being built")


def _build(
    store: EventStore,
    db: Database,
    builds: list[Build],
    batch_size: int,
    progress: Progress | None,
) -> None:
    """Read the log once from the least advanced build and apply each batch to all."""
    recorder = store.recorder
    position = min(b.position for b in builds)
    for batch, through in _batches(store, db, builds, batch_size, position):
        if batch or (through or 0) > position:
            position = _apply(store, db, builds, batch, through)
        if progress is not None:
            progress(position, max(position, recorder.max_notification_id() or 0))


Batches = Iterator[tuple[Sequence[Notification], int | None]]
"""Batches of the log, each with the position up to which it holds every event asked for
(None: up to its last event)."""


def _batches(
    store: EventStore, db: Database, builds: list[Build], batch_size: int, start: int
) -> Batches:
    """The log after `start`, batch by batch, up to a batch shorter than `batch_size`. When
    every projection names the few topics it handles, only those are read, each batch up to
    the head at the time."""
    recorder = store.recorder
    topics = _topics(builds)
    if topics is not None:
        while True:
            head = recorder.max_notification_id() or 0
            batch = recorder.select_notifications(
                start, batch_size, stop=head, topics=topics, inclusive_of_start=False
            )
            short = len(batch) < batch_size
            yield batch, head if short else None
            if short:
                return
            start = batch[-1].id
    if db.postgres is not None:
        yield from _read_ahead(db, batch_size, start)
        return
    while True:
        batch = builds[0].runner.read(start)
        yield batch, None
        if len(batch) < batch_size:
            return
        start = batch[-1].id


def _read_ahead(db: Database, batch_size: int, start: int) -> Batches:
    """The whole log after `start` on PostgreSQL, each batch read on another connection while
    the one before is applied, so the server reads while this process works."""

    def read(after: int) -> Sequence[Notification]:
        return db.notifications(after, batch_size) or []

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="rebuild-read") as reader:
        batch = read(start)
        while True:
            full = len(batch) == batch_size
            ahead = reader.submit(read, batch[-1].id) if full else None
            yield batch, None
            if ahead is None:
                return
            batch = ahead.result()


def _topics(builds: list[Build]) -> list[str] | None:
    found: set[str] = set()
    for b in builds:
        topics = b.runner.projection.processor.topics
        if topics is None:
            return None
        found |= topics
    return sorted(found)


def _apply(
    store: EventStore,
    db: Database,
    builds: list[Build],
    batch: Sequence[Notification],
    through: int | None,
) -> int:
    decode = SharedDecoding(store.mapper)
    try:
        # A batch lost in a crash is simply applied again: its position commits with it.
        with db.write(durable=False) as tx:
            for b in builds:
                applied = b.runner.apply_in(tx, b.version, batch, decode, through)
                if applied is None:
                    raise _dropped(b)
                b.position = applied
    except STORE_DOWN:
        for b in builds:
            b.runner.reset()
        raise
    except Exception:
        for b in builds:
            b.runner.reset()
        # Each version moves up to the event to blame and stops there, naming it (a
        # ProjectionFailedError); if every event applies alone, the build goes on.
        for b in builds:
            b.runner.isolate(b.version, batch)
            found = b.runner.catalog.versions(b.runner.name)
            b.position = (found.building_position if found else None) or b.position
    except BaseException:
        for b in builds:
            b.runner.reset()
        raise
    return min(b.position for b in builds)


def switch_in(b: Build) -> None:
    """Make the indexes; then apply what came meanwhile and serve the version, in one
    transaction; then drop the old version."""
    runner, catalog, name = b.runner, b.runner.catalog, b.runner.name
    catalog.make_indexes(runner.projection, b.version)
    with runner.db.write() as tx:
        position = catalog.lock(tx, name, b.version)
        for _ in range(FINAL_ROUNDS):
            batch = runner.read(position or 0)
            if not batch:
                break
            position = runner.apply_in(tx, b.version, batch)
        old = catalog.switch(tx, name, b.version)
    if old is not None:
        catalog.drop(runner.projection, old)
