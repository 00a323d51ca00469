"""Rebuilding a projection: a fresh version built from the log while the old one serves."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from application.store import EventStore
from infra.projections.advisory import AdvisoryLock, lock_key
from infra.projections.catalog import Catalog, StaleVersionError
from infra.projections.database import Database
from infra.projections.runner import ProjectionRunner
from infra.projections.view import Projection

Progress = Callable[[int, int], None]
"""Told (position reached, log head) after every batch."""

FINAL_ROUNDS = 20
"""Batches at most applied inside the switching transaction (new events keep coming)."""


class RebuildRunningError(RuntimeError):
    """Another process is rebuilding this projection."""


def rebuild(
    store: EventStore,
    db: Database,
    projection: Projection[Any],
    batch_size: int = 5000,
    progress: Progress | None = None,
) -> int:
    """Build a fresh version of the projection from the start of the log (or resume the one a
    stopped rebuild left), make its indexes, and in one transaction apply the last new events
    and make it the serving version; then drop the old version. Returns the new version.

    Readers keep reading the old version until the switch; a live runner keeps it current
    meanwhile and moves to the new version at its next batch."""
    catalog = Catalog(db)
    catalog.ensure(projection)
    lock = None
    if db.postgres is not None:
        lock = AdvisoryLock(db.postgres, lock_key(db.schema, f"rebuild:{projection.name}"))
        if not lock.try_acquire():
            msg = f"another process is rebuilding {projection.name}"
            raise RebuildRunningError(msg)
    try:
        version = catalog.start_build(projection)
        runner = ProjectionRunner(store, db, projection, catalog, batch_size)
        _build(runner, version, progress)
        catalog.make_indexes(projection, version)
        with db.write() as tx:
            position = catalog.lock(tx, projection.name, version)
            for _ in range(FINAL_ROUNDS):
                batch = runner.read(position or 0)
                if not batch:
                    break
                position = runner.apply_in(tx, version, batch)
            old = catalog.switch(tx, projection.name, version)
        if old is not None:
            catalog.drop(projection, old)
    finally:
        if lock is not None:
            lock.release()
    return version


def _build(runner: ProjectionRunner, version: int, progress: Progress | None) -> None:
    versions = runner.catalog.versions(runner.name)
    position = (versions.building_position if versions else None) or 0
    while True:
        batch = runner.read(position)
        if batch:
            applied = runner.apply(version, batch)
            if applied is None:
                msg = f"{runner.name} v{version} was dropped while it was being built"
                raise StaleVersionError(msg)
            position = applied
        if progress is not None:
            progress(position, max(position, runner.store.recorder.max_notification_id() or 0))
        if len(batch) < runner.batch_size:
            return
