"""Tables kept beside the events (tokens, login attempts, refusal counts): each created once
per process, under the one lock that keeps concurrent DDL apart."""

from __future__ import annotations

import threading

from infra.projections.advisory import lock_key
from infra.projections.database import Database, Tx


class SideTable:
    """A table of the store's database that is not a read model: `create` runs its DDL
    (idempotent statements) the first time the table is used."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._ready = False
        self._lock = threading.Lock()

    def ensure(self) -> None:
        with self._lock:
            if self._ready:
                return
            with self.db.write() as tx:
                if self.db.postgres is not None:  # concurrent CREATE … IF NOT EXISTS can clash
                    tx.run("SELECT pg_advisory_xact_lock(%s)", (lock_key(self.db.schema, "ddl"),))
                self.create(tx)
            self._ready = True

    def create(self, tx: Tx) -> None:
        raise NotImplementedError
