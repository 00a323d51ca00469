"""Login throttling: attempts counted per account and per client address in one table beside
the events, each count raised in a single statement, so parallel requests and every worker
share it and no more than the limit are ever checked."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta

from application.ports import Clock
from infra.projections.database import Database, Tx
from infra.side_table import SideTable

CREATE = (
    "CREATE TABLE IF NOT EXISTS {attempts} (subject TEXT PRIMARY KEY, "
    "window_start {time} NOT NULL, attempts INTEGER NOT NULL)",
    # The earlier per-failure rows, kept only for a 15-minute window: nothing to carry over.
    "DROP TABLE IF EXISTS {old}",
)

RESERVE = (
    "INSERT INTO {attempts} AS a (subject, window_start, attempts) VALUES (%s, %s, 1) "
    "ON CONFLICT (subject) DO UPDATE SET "
    "attempts = CASE WHEN a.window_start <= %s THEN 1 ELSE a.attempts + 1 END, "
    "window_start = CASE WHEN a.window_start <= %s THEN %s ELSE a.window_start END "
    "RETURNING attempts, window_start"
)
"""Count one more attempt (a window over starts a new one) and return the count: one
statement, so two requests can never both read the same count."""


@dataclass(frozen=True)
class ThrottlePolicy:
    """At most `per_account` failures for one username and `per_address` from one address
    within `window` (counted from the first); past that, logins are refused until it ends."""

    per_account: int = 5
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)

    def subjects(self, username: str, address: str) -> dict[str, int]:
        """The counts an attempt goes to, each with its limit."""
        return {account_subject(username): self.per_account, f"address:{address}": self.per_address}


def account_subject(username: str) -> str:
    """The count of one account's attempts (usernames compare case-insensitively)."""
    return f"account:{username.strip().casefold()}"


class Throttled(Exception):
    """An attempt past a limit; `retry_after` is in seconds."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"throttled for {retry_after} seconds")
        self.retry_after = retry_after


class LoginThrottle(SideTable):
    """The `login_attempts` table: an attempt is counted *before* its password is checked
    (so a burst of parallel attempts cannot all pass the check), kept as a failure when
    the password was wrong, and given back when it was right or never checked."""

    def __init__(self, db: Database, clock: Clock) -> None:
        super().__init__(db)
        self.clock = clock
        self.attempts = db.table("login_attempts")

    def create(self, tx: Tx) -> None:
        names = {"attempts": self.attempts, "old": self.db.table("login_failures")}
        names["time"] = self.db.time_type
        for statement in CREATE:
            tx.run(statement.format(**names))

    def reserve(self, subjects: Mapping[str, int], window: timedelta) -> None:
        """Count an attempt for every subject, or raise Throttled (counting nothing) when
        one is past its limit. Subjects are taken in one order, so transactions on
        PostgreSQL wait for each other instead of deadlocking."""
        self.ensure()
        now = self.clock.now()
        start, cutoff = self.db.time(now), self.db.time(now - window)
        waits: list[int] = []
        with self.db.write() as tx:
            for subject in sorted(subjects):
                row = tx.row(
                    RESERVE.format(attempts=self.attempts),
                    (subject, start, cutoff, cutoff, start),
                )
                assert row is not None
                if int(row["attempts"]) > subjects[subject]:
                    ends = self.db.read_time(row["window_start"]) + window
                    waits.append(max(1, int((ends - now).total_seconds()) + 1))
            if waits:
                self._give_back(tx, sorted(subjects))
        if waits:
            raise Throttled(max(waits))

    def succeeded(self, subjects: Mapping[str, int], cleared: str) -> None:
        """The password was right: give the attempt back, and forget the failures of
        `cleared` (the account that has just proved its password)."""
        self.ensure()
        with self.db.write() as tx:
            self._give_back(tx, sorted(s for s in subjects if s != cleared))
            tx.run(f"DELETE FROM {self.attempts} WHERE subject = %s", (cleared,))

    def release(self, subjects: Mapping[str, int]) -> None:
        """The attempt was never decided (an error): it does not count."""
        self.ensure()
        with self.db.write() as tx:
            self._give_back(tx, sorted(subjects))

    def _give_back(self, tx: Tx, subjects: list[str]) -> None:
        for subject in subjects:
            tx.run(
                f"UPDATE {self.attempts} SET attempts = attempts - 1 "
                "WHERE subject = %s AND attempts > 0",
                (subject,),
            )
