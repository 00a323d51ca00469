"""Applying the log to one projection, batch by batch, exactly once."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Notification

from application.store import EventStore
from infra.projections.catalog import Catalog
from infra.projections.database import Database, Tx
from infra.projections.view import Projection


class ProjectionRunner:
    """Reads the log after a version's tracking position ("greater than the last position
    seen": ids may have gaps) and applies it in batches. A batch's view rows and its new
    tracking position commit in one transaction, under a lock on the tracking row, and only
    events after the position found under that lock are applied: a batch replayed after a
    crash, or applied meanwhile by another runner, changes nothing."""

    def __init__(
        self,
        store: EventStore,
        db: Database,
        projection: Projection[Any],
        catalog: Catalog | None = None,
        batch_size: int = 500,
    ) -> None:
        self.store = store
        self.db = db
        self.projection = projection
        self.catalog = catalog or Catalog(db)
        self.batch_size = batch_size
        self._last: tuple[int, int] | None = None
        """(version, position) this runner last wrote: if the tracking row says otherwise,
        someone else wrote the view and the view's caches are dropped."""

    @property
    def name(self) -> str:
        return self.projection.name

    def step(self) -> int:
        """Apply the next batch to the serving version; the number of events read (0: none
        after its position)."""
        versions = self.catalog.versions(self.name)
        if versions is None:
            msg = f"projection {self.name} is not set up"
            raise LookupError(msg)
        batch = self.read(versions.active_position)
        if batch:
            self.apply(versions.active, batch)
        return len(batch)

    def catch_up(self) -> int:
        """Apply batches until nothing is newer than the serving version's position; the
        number of events read."""
        total = 0
        while read := self.step():
            total += read
        return total

    def read(self, after: int) -> Sequence[Notification]:
        return self.store.recorder.select_notifications(
            start=after, limit=self.batch_size, inclusive_of_start=False
        )

    def apply(self, version: int, batch: Sequence[Notification]) -> int | None:
        """Apply a batch to a version in its own transaction; the version's new position
        (None if the version was dropped meanwhile)."""
        try:
            with self.db.write() as tx:
                return self.apply_in(tx, version, batch)
        except BaseException:
            self._last = None
            self.projection.view.forget()
            raise

    def apply_in(self, tx: Tx, version: int, batch: Sequence[Notification]) -> int | None:
        """Apply a batch inside the caller's transaction (see `apply`)."""
        position = self.catalog.lock(tx, self.name, version)
        if position is None:
            return None
        processor, view = self.projection.processor, self.projection.view
        if self._last != (version, position):
            view.forget()
        todo = [n for n in batch if n.id > position]
        if todo:
            view.begin(tx, version)
            for notification in todo:
                if processor.handles(notification.topic):
                    event = self.store.mapper.to_domain_event(notification)
                    processor.process(event, notification.id, view)
            view.flush()
            position = todo[-1].id
            self.catalog.advance(tx, self.name, version, position)
        self._last = (version, position)
        return position
