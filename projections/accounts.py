"""The accounts read model: each account's username, display name, state and grants."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol
from uuid import UUID

from domain.account import Account
from projections.processing import HandledProcessor

ACCOUNTS = "accounts"


@dataclass(frozen=True)
class GrantRow:
    """A role held over a unit's subtree."""

    grant_id: UUID
    role: str
    unit_id: UUID


@dataclass(frozen=True)
class AccountRow:
    """An account as it stands after its last event (grants in the order given)."""

    account_id: UUID
    username: str
    display_name: str
    disabled: bool
    grants: tuple[GrantRow, ...]
    version: int
    position: int


class AccountsView(Protocol):
    """What the accounts processor writes (and reads back) in one batch."""

    def account(self, account_id: UUID) -> AccountRow | None: ...

    def put_account(self, account: AccountRow) -> None:
        """Insert or replace the account's row."""
        ...


class AccountsReader(Protocol):
    """The read side of the accounts view."""

    def account(self, account_id: UUID) -> AccountRow | None: ...

    def account_by_username(self, username: str) -> AccountRow | None: ...

    def all_accounts(self) -> list[AccountRow]:
        """Every account, by username."""
        ...


Handler = Callable[[Any, int, AccountsView], None]


def _created(e: Account.Created, position: int, view: AccountsView) -> None:
    row = AccountRow(
        e.originator_id, e.username, e.display_name, False, (), e.originator_version, position
    )
    view.put_account(row)


def _change(e: Any, position: int, view: AccountsView, **fields: Any) -> None:
    current = view.account(e.originator_id)
    if current is None:
        msg = f"account {e.originator_id} changed at position {position} before it was created"
        raise LookupError(msg)
    changed = replace(current, version=e.originator_version, position=position, **fields)
    view.put_account(changed)


def _granted(e: Account.RoleGranted, position: int, view: AccountsView) -> None:
    current = view.account(e.originator_id)
    grants = (*(current.grants if current else ()), GrantRow(e.grant_id, e.role, e.unit_id))
    _change(e, position, view, grants=grants)


def _revoked(e: Account.RoleRevoked, position: int, view: AccountsView) -> None:
    current = view.account(e.originator_id)
    kept = tuple(g for g in (current.grants if current else ()) if g.grant_id != e.grant_id)
    _change(e, position, view, grants=kept)


HANDLERS: Mapping[type, Handler] = {
    Account.Created: _created,
    Account.RoleGranted: _granted,
    Account.RoleRevoked: _revoked,
    Account.Disabled: lambda e, p, v: _change(e, p, v, disabled=True),
    # These change nothing shown, but keep the row's version the aggregate's (for ETags).
    Account.PasswordSet: _change,
    Account.PasswordReset: _change,
    Account.AccessDenied: _change,
}


class Accounts(HandledProcessor[AccountsView]):
    """The accounts processor: one row per account."""

    name = ACCOUNTS
    handlers = HANDLERS
    revision = 1
