"""Passwords within one command: checked against the stored hash, new hashes saved beside
the command's events in its transaction, never inside one."""

from __future__ import annotations

from uuid import UUID

from application.ports import Credential, EventHistory, PasswordHasher
from domain.errors import DomainError

MIN_PASSWORD = 10


def check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD:
        raise DomainError(f"a password needs at least {MIN_PASSWORD} characters")


class Passwords:
    """One command's password work; `pending` is what its save writes."""

    def __init__(self, hasher: PasswordHasher, history: EventHistory) -> None:
        self.hasher, self.history = hasher, history
        self.pending: list[Credential] = []

    def matches(self, account_id: UUID, password: str) -> bool:
        """Whether the password is the account's current one."""
        stored = self.history.credential(account_id)
        return stored is not None and self.hasher.verify(stored, password)

    def set(self, account_id: UUID, password: str) -> None:
        """A new password (checked first), saved with the command's events."""
        check_password(password)
        self.pending.append((account_id, self.hasher.hash(password)))
