"""Kaohe's read models over one event store: set up, run, wait for, rebuild, report, read."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from application.store import EventStore
from infra.projections.accounts_sql import SqlAccountsReader
from infra.projections.audit_trail_sql import SqlAuditTrailReader
from infra.projections.campaigns_sql import SqlCampaignsReader
from infra.projections.catalog import ActiveVersion, Catalog
from infra.projections.database import Database
from infra.projections.failures import Failure
from infra.projections.models import PROJECTIONS as PROJECTIONS
from infra.projections.parallel import rebuild_parallel
from infra.projections.poller import Poller
from infra.projections.rebuild import BATCH, Progress, rebuild, rebuild_together
from infra.projections.rectifications_sql import SqlRectificationsReader
from infra.projections.runner import ProjectionRunner
from infra.projections.scores_read_sql import RubricCache
from infra.projections.scores_sql import SqlScoresReader
from infra.projections.units_sql import SqlUnitsReader
from infra.projections.view import Projection
from infra.read_session import ReadSession
from projections.accounts import ACCOUNTS
from projections.audit_trail import AUDIT_TRAIL, AuditPage, AuditQuery, audit_trail
from projections.campaigns import CAMPAIGNS
from projections.rectifications import RECTIFICATIONS
from projections.scores import SCORES
from projections.units import UNITS


@dataclass(frozen=True)
class ProjectionStatus:
    """Where a projection stands against the log (lag counts log positions, which may have
    gaps, so it is an upper bound on the events still to apply)."""

    name: str
    version: int
    position: int
    head: int
    stale: bool
    building: int | None = None
    building_position: int | None = None
    failure: Failure | None = None
    """The event the serving version stopped at, if it cannot apply it."""

    @property
    def lag(self) -> int:
        return max(self.head - self.position, 0)

    @property
    def state(self) -> str:
        """`failed` (stopped at an event, retried), `stale` (built by other code: rebuild
        it), `behind` (events to apply) or `current`."""
        if self.failure is not None:
            return "failed"
        if self.stale:
            return "stale"
        return "behind" if self.lag else "current"

    def to_json(self) -> dict[str, object]:
        return {
            "name": self.name,
            "state": self.state,
            "version": self.version,
            "position": self.position,
            "head": self.head,
            "lag": self.lag,
            # A failed version falls further behind with every event: never "not stale".
            "stale": self.stale or self.failure is not None,
            "building": self.building,
            "building_position": self.building_position,
            "failure": None if self.failure is None else self.failure.to_json(),
        }


class Projections:
    """The read models of one event store. Tables are set up on first use."""

    def __init__(self, store: EventStore, batch_size: int = 500) -> None:
        self.store = store
        self.db = Database(store)
        self.catalog = Catalog(self.db)
        self.batch_size = batch_size
        self._poller: Poller | None = None
        self._ready = False
        self._lock = threading.Lock()
        self._rubrics = RubricCache()

    @property
    def names(self) -> list[str]:
        return list(PROJECTIONS)

    def projection(self, name: str) -> Projection[Any]:
        if name not in PROJECTIONS:
            msg = f"no projection {name!r}; the projections are {', '.join(PROJECTIONS)}"
            raise ValueError(msg)
        return PROJECTIONS[name](self.db)

    def ensure(self) -> None:
        with self._lock:
            if not self._ready:
                for name in PROJECTIONS:
                    self.catalog.ensure(self.projection(name))
                self._ready = True

    def runners(self, names: Iterable[str] | None = None) -> list[ProjectionRunner]:
        self.ensure()
        return [
            ProjectionRunner(
                self.store, self.db, self.projection(name), self.catalog, self.batch_size
            )
            for name in (names or self.names)
        ]

    def catch_up(self, names: Iterable[str] | None = None) -> int:
        """Apply everything new to each projection, here and now; the events read."""
        return sum(runner.catch_up() for runner in self.runners(names))

    def catch_up_once(self, name: str) -> None:
        """Bring one read model up to what a read must see, here and now if it has not
        applied it: in a read session following its caller, the caller's own last write
        (other callers' writes are the projection worker's); otherwise the log's head, once
        per read session (and again after each write in it)."""
        session = self.db.session()
        if session is None:
            self.catch_up([name])
        elif not self.reflects_caller(name):
            self.catch_up([name])
            session.applied[name] = session.seen or 0  # the log's head, at least

    def reflects_caller(self, name: str) -> bool:
        """Whether a read model has applied what a read must see (as `catch_up_once`), its
        position read once per read session until it has."""
        session = self.db.session()
        if session is not None and session.reflects(name):
            return True
        self.ensure()
        versions = self.catalog.versions(name)
        if versions is None:
            return False
        if session is None or session.seen is None:
            wanted = self.store.recorder.max_notification_id() or 0
        else:
            wanted = session.seen
        if versions.active_position < wanted:
            return False
        if session is not None:
            session.applied[name] = versions.active_position
        return True

    def reading(self) -> AbstractContextManager[ReadSession]:
        """Share the reads of the views until the block ends: one request's reads."""
        return self.db.reading()

    def wait_for(
        self, position: int, timeout: float = 5.0, names: Iterable[str] | None = None
    ) -> bool:
        """Wait until every (named) projection has applied the log up to `position` (say a
        command's `Outcome.position`); False if `timeout` seconds pass first."""
        self.ensure()
        wanted = list(names or self.names)
        deadline, pause = time.monotonic() + timeout, 0.002
        while True:
            found = [self.catalog.versions(name) for name in wanted]
            if all(v is not None and v.active_position >= position for v in found):
                return True
            left = deadline - time.monotonic()
            if left <= 0:
                return False
            if self._poller is not None:
                self._poller.wake()
            time.sleep(min(pause, left))
            pause = min(pause * 2, 0.05)

    def status(self) -> list[ProjectionStatus]:
        with self.db.read() as tx:  # fails at once when the store is gone (no retries)
            tx.row("SELECT 1 AS one")
        self.ensure()
        head = self.store.recorder.max_notification_id() or 0
        found: list[ProjectionStatus] = []
        for name in self.names:
            v = self.catalog.versions(name)
            assert v is not None
            stale = v.active_layout != self.projection(name).layout
            with self.db.read() as tx:
                failure = self.catalog.failures.of(tx, name, v.active)
            found.append(
                ProjectionStatus(
                    *(name, v.active, v.active_position, head, stale),
                    *(v.building, v.building_position, failure),
                )
            )
        return found

    def rebuild(self, name: str, progress: Progress | None = None, batch_size: int = BATCH) -> int:
        """Build a fresh version of one projection while the old serves, then switch."""
        self.ensure()
        return rebuild(self.store, self.db, self.projection(name), batch_size, progress)

    def rebuild_together(
        self,
        names: Iterable[str] | None = None,
        progress: Progress | None = None,
        batch_size: int = BATCH,
    ) -> dict[str, int]:
        """Rebuild several projections (default: all) from one reading of the log, each as
        `rebuild` does it; the new version of each."""
        self.ensure()
        chosen = [self.projection(name) for name in (names or self.names)]
        return rebuild_together(self.store, self.db, chosen, batch_size, progress)

    def rebuild_parallel(
        self,
        names: Iterable[str] | None = None,
        workers: int = 2,
        progress: Progress | None = None,
        batch_size: int = BATCH,
    ) -> dict[str, int]:
        """Rebuild several projections (default: all) with `workers` processes sharing out
        the aggregates (PostgreSQL; see `infra.projections.parallel`); the new version of
        each."""
        self.ensure()
        chosen = [self.projection(name).name for name in (names or self.names)]
        return rebuild_parallel(self.store, self.db, chosen, workers, batch_size, progress)

    def poller(
        self,
        names: Iterable[str] | None = None,
        interval: float = 0.2,
        after_cycle: Callable[[], object] | None = None,
    ) -> Poller:
        return Poller(self.runners(names), interval, after_cycle=after_cycle)

    def start(
        self, interval: float = 0.2, after_cycle: Callable[[], object] | None = None
    ) -> Poller:
        """Keep every projection current from a background thread (stop with `stop`);
        `after_cycle` runs after each of its cycles (signing checkpoints when due)."""
        if self._poller is None:
            self._poller = self.poller(interval=interval, after_cycle=after_cycle)
            self._poller.start()
        return self._poller

    def stop(self) -> None:
        if self._poller is not None:
            self._poller.stop()
            self._poller = None

    def units(self, as_of: int | None = None) -> SqlUnitsReader:
        """The units view, or as it stood at a log position."""
        self.ensure()
        return SqlUnitsReader(ActiveVersion(self.catalog, UNITS), as_of)

    def scores(self) -> SqlScoresReader:
        """The scores view; each reading may ask for a log position (`as_of`)."""
        self.ensure()
        return SqlScoresReader(ActiveVersion(self.catalog, SCORES), self._rubrics)

    def accounts(self) -> SqlAccountsReader:
        """The accounts view."""
        self.ensure()
        return SqlAccountsReader(ActiveVersion(self.catalog, ACCOUNTS))

    def campaigns(self) -> SqlCampaignsReader:
        """The campaigns view."""
        self.ensure()
        return SqlCampaignsReader(ActiveVersion(self.catalog, CAMPAIGNS))

    def rectifications(self) -> SqlRectificationsReader:
        """The rectifications view."""
        self.ensure()
        return SqlRectificationsReader(ActiveVersion(self.catalog, RECTIFICATIONS))

    def position_at(self, at: datetime) -> int:
        """The log position of the last event recorded at or before a moment (0: none)."""
        return self.store.history.position_at(at) or 0

    def audit_trail(self, query: AuditQuery) -> AuditPage:
        """One page of the audit trail (see `projections.audit_trail.audit_trail`)."""
        self.ensure()
        trail = SqlAuditTrailReader(ActiveVersion(self.catalog, AUDIT_TRAIL))
        return audit_trail(trail, self.units(), query)
