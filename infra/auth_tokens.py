"""Access tokens, in a table beside the events so every worker honours and revokes the same ones.

A token is random and handed out once; only its SHA-256 digest is stored, with its expiry and
revocation, and the account's credential generation it was issued in: once the password
changes, the account's generation moves on and every older token stops working."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID

from application.ports import Clock
from infra.projections.database import Database, Tx
from infra.side_table import SideTable

CREATE = (
    "CREATE TABLE IF NOT EXISTS {tokens} (digest TEXT PRIMARY KEY, account_id TEXT NOT NULL, "
    "kind TEXT NOT NULL, created_at {time} NOT NULL, expires_at {time} NOT NULL, "
    "revoked_at {time}, generation INTEGER NOT NULL DEFAULT 0)",
    "CREATE INDEX IF NOT EXISTS {tokens_index} ON {tokens} (account_id)",
)
ADD_GENERATION = "ALTER TABLE {tokens} ADD COLUMN generation INTEGER NOT NULL DEFAULT 0"
"""For a table made before generations: its tokens count as generation 0, older than any
password, so their holders log in once more."""
ADD_SEEN = "ALTER TABLE {tokens} ADD COLUMN seen_position BIGINT NOT NULL DEFAULT 0"
"""The log position of the last events written with the token, so its next reads wait for
them (read-your-writes) whichever process answers; 0 for none (or for a table made before)."""


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
class TokenHolder:
    """Whose a live token is, and the credential generation it was issued in."""

    account_id: UUID
    generation: int
    seen_position: int = 0
    """The log position of the last events written with this token."""


class AuthTables(SideTable):
    """The `auth_tokens` table of one event store's database."""

    def __init__(self, db: Database, clock: Clock) -> None:
        super().__init__(db)
        self.clock = clock
        self.tokens = db.table("auth_tokens")

    def create(self, tx: Tx) -> None:
        names = {"tokens": self.tokens, "tokens_index": "auth_tokens_account"}
        names["time"] = self.db.time_type
        for statement in CREATE:
            tx.run(statement.format(**names))
        if not self._has_column(tx, "generation"):
            tx.run(ADD_GENERATION.format(**names))
        if not self._has_column(tx, "seen_position"):
            tx.run(ADD_SEEN.format(**names))

    def _has_column(self, tx: Tx, column: str) -> bool:
        if self.db.postgres is None:
            return any(r["name"] == column for r in tx.rows("PRAGMA table_info(auth_tokens)"))
        found = tx.row(
            "SELECT 1 AS found FROM information_schema.columns WHERE table_schema = %s "
            "AND table_name = 'auth_tokens' AND column_name = %s",
            (self.db.schema, column),
        )
        return found is not None

    # Tokens ---------------------------------------------------------------------------

    def issue(
        self, account_id: UUID, kind: str, lifetime: timedelta, generation: int
    ) -> IssuedToken:
        self.ensure()
        token = secrets.token_urlsafe(32)
        now = self.clock.now()
        expires = now + lifetime
        with self.db.write() as tx:
            tx.run(
                f"INSERT INTO {self.tokens} (digest, account_id, kind, created_at, expires_at, "
                "generation) VALUES (%s, %s, %s, %s, %s, %s)",
                (
                    *(digest(token), str(account_id), kind),
                    *(self.db.time(now), self.db.time(expires), generation),
                ),
            )
        return IssuedToken(token, account_id, kind, expires, lifetime)

    def holder_of(self, token: str, kind: str) -> TokenHolder | None:
        """Who holds a live token of this kind (not expired, not revoked), or None."""
        self.ensure()
        with self.db.read() as tx:
            row = tx.row(
                f"SELECT account_id, generation, seen_position FROM {self.tokens} "
                "WHERE digest = %s AND kind = %s AND revoked_at IS NULL AND expires_at > %s",
                (digest(token), kind, self.db.time(self.clock.now())),
            )
        if row is None:
            return None
        return TokenHolder(UUID(row["account_id"]), row["generation"], row["seen_position"])

    def saw(self, token: str, position: int) -> None:
        """Remember that events were written with a token up to a log position (never
        lowering it: two requests of one token may finish in either order)."""
        self.ensure()
        with self.db.write() as tx:
            tx.run(
                f"UPDATE {self.tokens} SET seen_position = %s WHERE digest = %s "
                "AND seen_position < %s",
                (position, digest(token), position),
            )

    def keep(self, token: str, generation: int) -> None:
        """Carry a token over to the account's new credential generation (the session
        that changed the password stays; the account's other tokens end)."""
        self.ensure()
        with self.db.write() as tx:
            tx.run(
                f"UPDATE {self.tokens} SET generation = %s WHERE digest = %s",
                (generation, digest(token)),
            )

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
