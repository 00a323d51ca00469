"""Rebuilding projections in several processes at once (PostgreSQL): the aggregates are
shared out among them by id, each process applies the events of its share to the versions
being built, and the versions are then switched in as a serial rebuild does."""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack
from multiprocessing import get_context
from typing import Any

from application.store import EventStore
from infra.errors import ParallelRebuildError, ProjectionFailedError
from infra.projections.catalog import Catalog
from infra.projections.database import Database
from infra.projections.models import PROJECTIONS
from infra.projections.part_build import Part, PartFailed, build_part
from infra.projections.rebuild import BATCH, Build, Progress, lock_rebuild, switch_in
from infra.projections.runner import ProjectionRunner
from infra.projections.view import Projection

IDLE_TIMEOUT = "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT"
WORKER_IDLE_SECONDS = "60"
"""A process's batch transaction spends its time in Python between statements: on a busy
machine that can pass the store's default of 5 seconds, which would end it."""


def rebuild_parallel(
    store: EventStore,
    db: Database,
    names: Sequence[str],
    workers: int,
    batch_size: int = BATCH,
    progress: Progress | None = None,
) -> dict[str, int]:
    """Rebuild the named projections with `workers` processes; the new version of each.

    A projection that keeps its state per aggregate (the audit trail, the scores: those
    that read most of the log) is built by every process, each from the events of its share
    of the aggregates; the projections that read only a few topics are built whole by the
    first process, from the same reading of the log (read alone, meanwhile, they would take
    a core from the others). Every process reads up to the head of the log when the rebuild
    began; then each version applies what came since and is switched in. A fresh version is
    always built (a stopped parallel build is not resumed); if an event cannot be applied,
    every version being built is dropped, the old ones serve on, and the error names it."""
    if db.postgres is None:
        raise ParallelRebuildError("a rebuild in several processes needs PostgreSQL")
    if workers < 1:
        raise ParallelRebuildError(f"a rebuild needs at least one process, not {workers}")
    projections = [PROJECTIONS[name](db) for name in names]
    catalog = Catalog(db)
    with ExitStack() as locks:
        builds = [_fresh_build(store, db, catalog, p, locks, batch_size) for p in projections]
        head = store.recorder.max_notification_id() or 0
        shared = tuple((b.runner.name, b.version) for b in builds if _shared(b))
        whole = tuple((b.runner.name, b.version) for b in builds if not _shared(b))
        env = dict(store.env) | {IDLE_TIMEOUT: WORKER_IDLE_SECONDS}
        count = workers if shared else 1
        parts = [
            Part(env, shared, k, count, head, batch_size, whole if k == 0 else ())
            for k in range(count)
        ]
        failed = _run_parts(parts)
        if failed is not None:
            for b in builds:
                catalog.abandon(b.runner.projection, b.version)
            raise ProjectionFailedError(failed.name, failed.version, failed.failure)
        with db.write() as tx:
            for b in builds:
                if head > 0:
                    catalog.advance(tx, b.runner.name, b.version, head)
                b.position = head
        for b in builds:
            switch_in(b)
    if progress is not None:
        progress(head, head)
    return {b.runner.name: b.version for b in builds}


def _shared(build: Build) -> bool:
    """Whether the projection's aggregates are shared out among the processes."""
    return build.runner.projection.processor.topics is None


def _fresh_build(
    store: EventStore,
    db: Database,
    catalog: Catalog,
    projection: Projection[Any],
    locks: ExitStack,
    batch_size: int,
) -> Build:
    """A new, empty version of the projection, locked against other rebuilds (a version a
    stopped rebuild left is dropped: its rows cannot be shared out again)."""
    catalog.ensure(projection)
    lock_rebuild(db, projection.name, locks)
    version = catalog.start_build(projection)
    found = catalog.versions(projection.name)
    if found is not None and found.building_position:
        catalog.drop(projection, version)
        version = catalog.start_build(projection)
    runner = ProjectionRunner(store, db, projection, catalog, batch_size)
    return Build(runner, version, 0)


def _run_parts(parts: list[Part]) -> PartFailed | None:
    """Run every part in its own process (spawned: nothing of this one is shared); the
    first failure a part met, if any."""
    with ProcessPoolExecutor(len(parts), mp_context=get_context("spawn")) as pool:
        running = [pool.submit(build_part, part) for part in parts]
        found = [future.result() for future in running]
    return next((f for f in found if f is not None), None)
