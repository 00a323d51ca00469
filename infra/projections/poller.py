"""Keeping projections current by polling the log, in a thread or in the foreground."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Sequence

import structlog

from infra.errors import ProjectionFailedError
from infra.persistence.reachability import STORE_DOWN
from infra.projections.advisory import AdvisoryLock, lock_key
from infra.projections.rebuild import rebuild
from infra.projections.runner import ProjectionRunner

log = structlog.get_logger(__name__)

HEARTBEAT = 5.0
"""Seconds between checks that each advisory lock's connection is still alive."""
MAX_BACKOFF = 30.0


class Poller:
    """Each cycle, every projection it may run applies its next batch; when none had
    anything new, it waits `interval` (or until woken). A projection that fails is retried
    after a growing pause; the others go on. A store that cannot be reached is waited for
    in the same way (each attempt logged), never a reason to stop.

    With `exclusive` (the default on PostgreSQL) a projection runs only while this poller
    holds its advisory lock: a second poller of the same projection, in any process, stands
    by and takes over when the first stops or dies. Before running a projection the poller
    sets it up and, if its serving version was built by other code (another layout),
    rebuilds it.

    `after_cycle` runs after each cycle (signing a checkpoint when one is due); if it
    fails, it is logged and tried again next cycle."""

    def __init__(
        self,
        runners: Sequence[ProjectionRunner],
        interval: float = 0.2,
        exclusive: bool | None = None,
        after_cycle: Callable[[], object] | None = None,
    ) -> None:
        self.runners = list(runners)
        self.interval = interval
        self.after_cycle = after_cycle
        db = self.runners[0].db if self.runners else None
        postgres = db.postgres if db is not None else None
        self.exclusive = postgres is not None if exclusive is None else exclusive
        self._locks: dict[str, AdvisoryLock] = {}
        if self.exclusive and postgres is not None and db is not None:
            for r in self.runners:
                self._locks[r.name] = AdvisoryLock(postgres, lock_key(db.schema, f"run:{r.name}"))
        self._ready: set[str] = set()
        self._failures: dict[str, int] = {}
        self._retry_at: dict[str, float] = {}
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._beat = 0.0

    def holds(self, name: str) -> bool:
        """Whether this poller may run the projection now (always, when not exclusive)."""
        lock = self._locks.get(name)
        return lock is None or lock.held

    def cycle(self) -> int:
        """One batch for each projection this poller may run; the number of events read."""
        total = 0
        for runner in self.runners:
            if self._stop.is_set() or time.monotonic() < self._retry_at.get(runner.name, 0.0):
                continue
            try:
                if self._may_run(runner):
                    total += runner.step()
                    self._failures.pop(runner.name, None)
            except ProjectionFailedError as error:
                pause = self._back_off(runner.name)
                failure = error.failure.to_json()
                log.error("projection.failed", projection=runner.name, retry_in=pause, **failure)
            except STORE_DOWN as error:
                pause = self._back_off(runner.name)
                reason = " ".join(str(error).split())
                log.warning(
                    "projection.store_unreachable",
                    projection=runner.name,
                    error=reason,
                    retry_in=pause,
                )
                self._lost(runner.name)
            except Exception:
                pause = self._back_off(runner.name)
                log.exception("projection.error", projection=runner.name, retry_in=pause)
        if self.after_cycle is not None and not self._stop.is_set():
            try:
                self.after_cycle()
            except Exception:
                log.exception("poller.after_cycle_failed")
        return total

    def _lost(self, name: str) -> None:
        """The store went away: set the projection up again when it is back, and take its
        lock again if the lock's connection died (PostgreSQL released it)."""
        self._ready.discard(name)
        lock = self._locks.get(name)
        if lock is not None and lock.held and not lock.alive():
            log.warning("projection.lock_lost", projection=name)

    def _back_off(self, name: str) -> float:
        """Seconds until the projection is tried again, doubling with each failure in a row."""
        failures = self._failures[name] = self._failures.get(name, 0) + 1
        pause: float = min(MAX_BACKOFF, 0.5 * 2.0**failures)
        self._retry_at[name] = time.monotonic() + pause
        return pause

    def run(self) -> None:
        """Poll until `stop()`; the locks are released on the way out."""
        try:
            while not self._stop.is_set():
                if self.cycle():
                    continue
                self._heartbeat()
                self._wake.wait(self.interval)
                self._wake.clear()
        finally:
            self.release()

    def start(self) -> None:
        """Run in a daemon thread (an uncommitted batch is simply applied again next time)."""
        if self._thread is None:
            self._thread = threading.Thread(target=self.run, name="kaohe-projections", daemon=True)
            self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def release(self) -> None:
        for lock in self._locks.values():
            lock.release()
        self._ready.clear()

    def _may_run(self, runner: ProjectionRunner) -> bool:
        lock = self._locks.get(runner.name)
        if lock is not None and not lock.held:
            if not lock.try_acquire():
                return False
            log.info("projection.lock_acquired", projection=runner.name)
            self._ready.discard(runner.name)
        if runner.name not in self._ready:
            self._prepare(runner)
            self._ready.add(runner.name)
        return True

    def _prepare(self, runner: ProjectionRunner) -> None:
        runner.catalog.ensure(runner.projection)
        versions = runner.catalog.versions(runner.name)
        if versions is not None and versions.active_layout != runner.projection.layout:
            log.info("projection.rebuild_stale", projection=runner.name, was=versions.active_layout)
            rebuild(runner.store, runner.db, runner.projection, batch_size=runner.batch_size)

    def _heartbeat(self) -> None:
        if not self._locks or time.monotonic() - self._beat < HEARTBEAT:
            return
        self._beat = time.monotonic()
        for name, lock in self._locks.items():
            if lock.held and not lock.alive():
                log.warning("projection.lock_lost", projection=name)
                self._ready.discard(name)
