"""Which refusals are recorded as events: at most one per account, action and target in a
window, and at most a few per account in a window; the rest are counted and carried by the
next recorded one, so refusals always show but cannot grow the ledger without bound."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID

from application.ports import Clock


@dataclass(frozen=True)
class RefusalPolicy:
    """At most one event per account, action and target, and `per_account` events per
    account, within `window`."""

    window: timedelta = timedelta(hours=1)
    per_account: int = 20


@dataclass
class _Counts:
    recorded_at: datetime | None = None
    pending: int = 0
    account_events: list[datetime] = field(default_factory=list)


class InMemoryRefusalLog:
    """The policy kept in one process (for tests and command-line use; the web app keeps it
    in the store so every worker shares it)."""

    def __init__(self, clock: Clock, policy: RefusalPolicy | None = None) -> None:
        self.clock = clock
        self.policy = policy or RefusalPolicy()
        self._keys: dict[tuple[UUID, str, str], _Counts] = {}
        self._accounts: dict[UUID, _Counts] = {}
        self._lock = threading.Lock()

    def admit(self, account_id: UUID, action: str, target: str) -> int | None:
        now = self.clock.now()
        cutoff = now - self.policy.window
        with self._lock:
            key = self._keys.setdefault((account_id, action, target), _Counts())
            key.pending += 1
            if key.recorded_at is not None and key.recorded_at > cutoff:
                return None
            account = self._accounts.setdefault(account_id, _Counts())
            account.account_events = [t for t in account.account_events if t > cutoff]
            if len(account.account_events) >= self.policy.per_account:
                return None
            account.account_events.append(now)
            repeats, key.pending, key.recorded_at = key.pending - 1, 0, now
            return repeats
