"""Accounts read by name or id, and logging in (their changes are commands)."""

from __future__ import annotations

from uuid import UUID

from application.errors import (
    AuthenticationError,
    NotFoundError,
)
from application.ports import PasswordHasher
from application.runner import StoredAggregates
from domain.account import Account
from domain.ids import account_id


class AccountService:
    """Accounts: created with a password, granted roles over unit subtrees, disabled."""

    def __init__(self, runner: StoredAggregates, hasher: PasswordHasher) -> None:
        self.runner = runner
        self.hasher = hasher
        self._dummy: str | None = None

    def get(self, username: str) -> Account:
        return self.runner.load(Account, account_id(username), f"account {username}")

    def exists(self, username: str) -> bool:
        return self.runner.find(Account, account_id(username)) is not None

    def get_by_id(self, aid: UUID) -> Account:
        return self.runner.load(Account, aid, f"account {aid}")

    def authenticate(self, username: str, password: str) -> Account:
        """The account for these credentials; the same error for every kind of failure."""
        failure = AuthenticationError("wrong username or password")
        try:
            account = self.get(username)
        except NotFoundError:
            self.hasher.verify(self._dummy_hash(), password)  # as long as a real check
            raise failure from None
        stored = self.runner.store.history.credential(account.id)
        if account.disabled or stored is None or not self.hasher.verify(stored, password):
            raise failure
        return account

    def _dummy_hash(self) -> str:
        """A real hash to verify against for unknown usernames, so timing reveals nothing."""
        if self._dummy is None:
            self._dummy = self.hasher.hash("no account has this password")
        return self._dummy
