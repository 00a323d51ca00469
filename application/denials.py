"""Recording refused attempts on the refused account, in one place."""

from __future__ import annotations

from eventsourcing.persistence import IntegrityError

from application.ports import Denial
from application.runner import replay
from application.store import EventStore
from domain.account import Account
from domain.audit import Stamp

ATTEMPTS = 5
"""A denial racing another change of the same account is tried again this many times."""


class StoreDenialLog:
    """Saves an `AccessDenied` event on the account, reading it fresh for each attempt (the
    refused command's own copy may be behind a concurrent change)."""

    def __init__(self, store: EventStore) -> None:
        self.store = store

    def record(self, stamp: Stamp, denial: Denial) -> None:
        for _attempt in range(ATTEMPTS):
            account = self.store.repository.get(denial.account_id, projector_func=replay)
            if not isinstance(account, Account):
                return
            account.record_access_denied(
                stamp, denial.action, denial.target, denial.target_unit, denial.why, denial.repeats
            )
            try:
                self.store.save(account)
            except IntegrityError:
                continue
            return
