"""Queries on accounts: signing in, people's names, an account's history, those one manages."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from application.authorization import Action, Authorizer, Caller
from application.queries.access import AccessQueries
from application.read_ports import AccountRecord, ReadModels, StoredChange
from domain.account import Account

SYSTEM_NAME = "系统"
"""Who acted when no account did (or the account is unknown)."""


class AccountQueries:
    """Accounts as callers read them."""

    def __init__(self, auth: Authorizer, models: ReadModels) -> None:
        self.auth = auth
        self.models = models
        self.access = AccessQueries(auth)

    def authenticate(self, username: str, password: str) -> Account:
        """The account for these credentials; the same error for every kind of failure."""
        return self.models.logins().authenticate(username, password)

    def with_history(self, caller: Caller, username: str) -> tuple[Account, Sequence[StoredChange]]:
        """The account (as `AccessQueries.account` reads it) and its events as stored."""
        found = self.access.account(caller, username)
        return found, self.models.log().history(found.id)

    def find(self, actor_id: str | UUID) -> AccountRecord | None:
        """Whoever acted, as events name them (None: no such account). Names are shown
        beside history the caller was allowed to read, so they need no grant of their own."""
        try:
            return self.models.accounts().account(UUID(str(actor_id)))
        except ValueError:
            return None

    def display_name(self, actor_id: str | UUID, unknown: str = SYSTEM_NAME) -> str:
        found = self.find(actor_id)
        return unknown if found is None else found.display_name

    def username_taken(self, username: str) -> bool:
        """Whether an account (disabled ones too) has this username."""
        return self.models.accounts().account_by_username(username) is not None

    def managed(self, caller: Caller) -> list[AccountRecord]:
        """The accounts acting inside the caller's managed subtrees (and those with no role
        yet), by username; refused when the caller manages none."""
        roots = self.auth.roots(caller, Action.MANAGE_ACCOUNTS, "accounts")
        tree = self.models.units()
        reach = frozenset().union(*(tree.subtree(g.unit_id) for g in roots))
        found = [
            a
            for a in self.models.accounts().all_accounts()
            if not a.grants or {g.unit_id for g in a.grants} & reach
        ]
        return sorted(found, key=lambda a: a.username)  # code-point order on both stores
