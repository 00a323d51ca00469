"""Applying the log to one projection, batch by batch, exactly once."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from eventsourcing.persistence import Mapper, Notification

from application.store import EventStore
from infra.errors import ProjectionFailedError
from infra.persistence.reachability import STORE_DOWN
from infra.projections.catalog import Catalog
from infra.projections.database import Database, Tx
from infra.projections.failures import Failure
from infra.projections.view import Projection

Decode = Callable[[Notification], Any]
"""Turns a notification into its domain event."""


class SharedDecoding:
    """Decodes each notification of a batch once, however many projections apply it."""

    def __init__(self, mapper: Mapper[Any]) -> None:
        self._mapper = mapper
        self._events: dict[int, Any] = {}

    def __call__(self, notification: Notification) -> Any:
        event = self._events.get(notification.id)
        if event is None:
            event = self._events[notification.id] = self._mapper.to_domain_event(notification)
        return event


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
            try:
                self.apply(versions.active, batch)
            except STORE_DOWN:
                raise
            except Exception:
                self.isolate(versions.active, batch)
        return len(batch)

    def isolate(self, version: int, batch: Sequence[Notification]) -> None:
        """After a batch failed: apply its events one at a time, so the version moves up to
        the event to blame and stops there. Raises ProjectionFailedError naming that event,
        once the failure is recorded; returns if each event applies alone."""
        for notification in batch:
            try:
                self.apply(version, [notification])
            except STORE_DOWN:
                raise
            except Exception as alone:
                failure = Failure.of(notification, alone)
                recorded = self.catalog.failures.record(self.name, version, failure)
                raise ProjectionFailedError(self.name, version, recorded) from alone

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
            self.reset()
            raise

    def reset(self) -> None:
        """After a failed transaction: nothing this runner cached can be trusted."""
        self._last = None
        self.projection.view.forget()

    def apply_in(
        self,
        tx: Tx,
        version: int,
        batch: Sequence[Notification],
        decode: Decode | None = None,
        through: int | None = None,
    ) -> int | None:
        """Apply a batch inside the caller's transaction (see `apply`). `decode` may be shared
        with other runners of the same batch; `through`: the batch holds every event this
        projection handles up to that position, so its position moves there."""
        position = self.catalog.lock(tx, self.name, version)
        if position is None:
            return None
        processor, view = self.projection.processor, self.projection.view
        if self._last != (version, position):
            view.forget()
        decode = decode or self.store.mapper.to_domain_event
        todo = [n for n in batch if n.id > position]
        reached = max(todo[-1].id if todo else position, through or position)
        if todo:
            view.begin(tx, version)
            for notification in todo:
                if processor.handles(notification.topic):
                    processor.process(decode(notification), notification.id, view)
            view.flush()
        if reached > position:
            position = reached
            self.catalog.advance(tx, self.name, version, position)
        self._last = (version, position)
        return position
