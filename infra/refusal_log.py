"""The refusal log in a table beside the events (`refusal_counts`), so every worker applies
one policy: a refusal becomes an event at most once per account, action and target in a
window and at most a few times per account; the others are counted, atomically, and the
next recorded one carries their number."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from uuid import UUID

from application.ports import Clock
from application.refusals import RefusalPolicy
from infra.projections.database import Database, Tx
from infra.side_table import SideTable

NEVER = datetime(1970, 1, 1, tzinfo=UTC)
CREATE = (
    "CREATE TABLE IF NOT EXISTS {counts} (subject TEXT PRIMARY KEY, "
    "window_start {time} NOT NULL, pending INTEGER NOT NULL)"
)
COUNT = (
    "INSERT INTO {counts} AS c (subject, window_start, pending) VALUES (%s, %s, 1) "
    "ON CONFLICT (subject) DO UPDATE SET pending = c.pending + 1 RETURNING window_start, pending"
)
ACCOUNT = (
    "INSERT INTO {counts} AS c (subject, window_start, pending) VALUES (%s, %s, 1) "
    "ON CONFLICT (subject) DO UPDATE SET "
    "pending = CASE WHEN c.window_start <= %s THEN 1 ELSE c.pending + 1 END, "
    "window_start = CASE WHEN c.window_start <= %s THEN %s ELSE c.window_start END "
    "RETURNING pending"
)


class StoreRefusalLog(SideTable):
    """A `RefusalLog` whose counts live in the store and change in single statements."""

    def __init__(self, db: Database, clock: Clock, policy: RefusalPolicy | None = None) -> None:
        super().__init__(db)
        self.clock = clock
        self.policy = policy or RefusalPolicy()
        self.counts = db.table("refusal_counts")

    def create(self, tx: Tx) -> None:
        tx.run(CREATE.format(counts=self.counts, time=self.db.time_type))

    def admit(self, account_id: UUID, action: str, target: str) -> int | None:
        self.ensure()
        now = self.clock.now()
        cutoff = now - self.policy.window
        # A digest keeps the key short whatever the target's label.
        key = hashlib.sha256(f"{account_id}\n{action}\n{target}".encode()).hexdigest()
        with self.db.write() as tx:
            row = tx.row(COUNT.format(counts=self.counts), (key, self.db.time(NEVER)))
            assert row is not None
            if self.db.read_time(row["window_start"]) > cutoff:
                return None  # recorded within the window: counted only
            if not self._account_admits(tx, account_id, now):
                return None
            tx.run(
                f"UPDATE {self.counts} SET window_start = %s, pending = 0 WHERE subject = %s",
                (self.db.time(now), key),
            )
            return int(row["pending"]) - 1

    def _account_admits(self, tx: Tx, account_id: UUID, now: datetime) -> bool:
        start, cutoff = self.db.time(now), self.db.time(now - self.policy.window)
        row = tx.row(
            ACCOUNT.format(counts=self.counts),
            (f"account:{account_id}", start, cutoff, cutoff, start),
        )
        assert row is not None
        return int(row["pending"]) <= self.policy.per_account
