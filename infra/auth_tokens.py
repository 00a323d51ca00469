"""Access tokens and login throttling, in tables beside the events so every worker shares them.

A token is random and handed out once; only its SHA-256 digest is stored, with its expiry and
revocation. Failed logins are counted per account and per address over a sliding window."""

from __future__ import annotations

import hashlib
import secrets
import threading
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from application.ports import Clock
from infra.projections.advisory import lock_key
from infra.projections.database import Database, Tx

CREATE = (
    "CREATE TABLE IF NOT EXISTS {tokens} (digest TEXT PRIMARY KEY, account_id TEXT NOT NULL, "
    "kind TEXT NOT NULL, created_at {time} NOT NULL, expires_at {time} NOT NULL, "
    "revoked_at {time})",
    "CREATE INDEX IF NOT EXISTS {tokens_index} ON {tokens} (account_id)",
    "CREATE TABLE IF NOT EXISTS {failures} (subject TEXT NOT NULL, at {time} NOT NULL)",
    "CREATE INDEX IF NOT EXISTS {failures_index} ON {failures} (subject, at)",
)


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class IssuedToken:
    """A token as handed out: the only time its text exists outside the caller."""

    token: str
    account_id: UUID
    kind: str
    expires_at: datetime
    lifetime: timedelta


@dataclass(frozen=True)
class ThrottlePolicy:
    """At most `per_account` failures for one username and `per_address` from one address
    within `window`; past that, logins are refused until the oldest failure ages out."""

    per_account: int = 5
    per_address: int = 20
    window: timedelta = timedelta(minutes=15)


class AuthTables:
    """The `auth_tokens` and `login_failures` tables of one event store's database."""

    def __init__(self, db: Database, clock: Clock) -> None:
        self.db = db
        self.clock = clock
        self.tokens = db.table("auth_tokens")
        self.failures = db.table("login_failures")
        self._ready = False
        self._lock = threading.Lock()

    def ensure(self) -> None:
        with self._lock:
            if self._ready:
                return
            names = {
                "tokens": self.tokens,
                "failures": self.failures,
                "tokens_index": "auth_tokens_account",
                "failures_index": "login_failures_subject",
                "time": self.db.time_type,
            }
            with self.db.write() as tx:
                if self.db.postgres is not None:  # concurrent CREATE … IF NOT EXISTS can clash
                    tx.run("SELECT pg_advisory_xact_lock(%s)", (lock_key(self.db.schema, "ddl"),))
                for statement in CREATE:
                    tx.run(statement.format(**names))
            self._ready = True

    # Tokens ---------------------------------------------------------------------------

    def issue(self, account_id: UUID, kind: str, lifetime: timedelta) -> IssuedToken:
        self.ensure()
        token = secrets.token_urlsafe(32)
        now = self.clock.now()
        expires = now + lifetime
        with self.db.write() as tx:
            tx.run(
                f"INSERT INTO {self.tokens} (digest, account_id, kind, created_at, expires_at) "
                "VALUES (%s, %s, %s, %s, %s)",
                (digest(token), str(account_id), kind, self.db.time(now), self.db.time(expires)),
            )
        return IssuedToken(token, account_id, kind, expires, lifetime)

    def account_of(self, token: str, kind: str) -> UUID | None:
        """The account of a live token of this kind (not expired, not revoked), or None."""
        self.ensure()
        with self.db.read() as tx:
            row = tx.row(
                f"SELECT account_id FROM {self.tokens} WHERE digest = %s AND kind = %s "
                "AND revoked_at IS NULL AND expires_at > %s",
                (digest(token), kind, self.db.time(self.clock.now())),
            )
        return None if row is None else UUID(row["account_id"])

    def revoke(self, token: str) -> bool:
        """Revoke a token; False if it was not live."""
        self.ensure()
        with self.db.write() as tx:
            changed = tx.run(
                f"UPDATE {self.tokens} SET revoked_at = %s WHERE digest = %s "
                "AND revoked_at IS NULL",
                (self.db.time(self.clock.now()), digest(token)),
            )
        return changed > 0

    def revoke_all(self, account_id: UUID) -> int:
        """Revoke every live token of an account (say, when it is disabled)."""
        self.ensure()
        with self.db.write() as tx:
            return tx.run(
                f"UPDATE {self.tokens} SET revoked_at = %s WHERE account_id = %s "
                "AND revoked_at IS NULL",
                (self.db.time(self.clock.now()), str(account_id)),
            )

    # Throttling -----------------------------------------------------------------------

    def retry_after(self, subjects: dict[str, int], window: timedelta) -> int | None:
        """Seconds until a login may be tried again, when any subject (an account or an
        address key, with its limit) has reached its limit within the window; else None."""
        self.ensure()
        now = self.clock.now()
        waits: list[int] = []
        with self.db.read() as tx:
            for subject, limit in subjects.items():
                wait = self._wait(tx, subject, limit, now, window)
                if wait is not None:
                    waits.append(wait)
        return max(waits) if waits else None

    def _wait(
        self, tx: Tx, subject: str, limit: int, now: datetime, window: timedelta
    ) -> int | None:
        rows = tx.rows(
            f"SELECT at FROM {self.failures} WHERE subject = %s AND at > %s ORDER BY at DESC",
            (subject, self.db.time(now - window)),
        )
        if len(rows) < limit:
            return None
        # The limit-th newest failure must age out before another try is allowed.
        oldest_counted = self.db.read_time(rows[limit - 1]["at"])
        return max(1, int((oldest_counted + window - now).total_seconds()) + 1)

    def record_failure(self, subjects: list[str], window: timedelta) -> None:
        self.ensure()
        now = self.clock.now()
        with self.db.write() as tx:
            tx.run_many(
                f"INSERT INTO {self.failures} (subject, at) VALUES (%s, %s)",
                [(subject, self.db.time(now)) for subject in subjects],
            )
            # Failures older than the window no longer count: keep the table small.
            tx.run(f"DELETE FROM {self.failures} WHERE at < %s", (self.db.time(now - window),))

    def clear_failures(self, subject: str) -> None:
        self.ensure()
        with self.db.write() as tx:
            tx.run(f"DELETE FROM {self.failures} WHERE subject = %s", (subject,))
