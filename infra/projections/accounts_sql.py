"""The accounts view in SQL: `accounts_v<N>`, one row per account, its grants as JSON."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from infra.projections.latest_rows import LatestRowsReader, LatestRowsView
from infra.projections.text import shown
from projections.accounts import ACCOUNTS, AccountRow, GrantRow

COLUMNS = "account_id, username, display_name, disabled, grants, version, position"


def _grants(text: str) -> tuple[GrantRow, ...]:
    return tuple(GrantRow(UUID(g), role, UUID(u)) for g, role, u in json.loads(text))


def _account(row: dict[str, Any]) -> AccountRow:
    return AccountRow(
        UUID(row["account_id"]),
        row["username"],
        row["display_name"],
        bool(row["disabled"]),
        _grants(row["grants"]),
        int(row["version"]),
        int(row["position"]),
    )


def _params(a: AccountRow) -> tuple[object, ...]:
    grants = json.dumps([[str(g.grant_id), g.role, str(g.unit_id)] for g in a.grants])
    return (
        *(str(a.account_id), shown(a.username), shown(a.display_name), int(a.disabled)),
        *(grants, a.version, a.position),
    )


class SqlAccountsView(LatestRowsView[AccountRow]):
    """One row per account, its grants as JSON."""

    read_model, key, columns = ACCOUNTS, "account_id", COLUMNS

    def to_params(self, row: AccountRow) -> tuple[object, ...]:
        return _params(row)

    def from_row(self, row: dict[str, Any]) -> AccountRow:
        return _account(row)

    def tables(self, version: int) -> list[str]:
        return [
            f"CREATE TABLE {self.table_names(version)[0]} (account_id TEXT PRIMARY KEY, "
            "username TEXT NOT NULL, display_name TEXT NOT NULL, disabled INTEGER NOT NULL, "
            "grants TEXT NOT NULL, version INTEGER NOT NULL, position BIGINT NOT NULL)"
        ]

    def indexes(self, version: int) -> list[str]:
        table = self.table_names(version)[0]
        return [f"CREATE INDEX IF NOT EXISTS accounts_v{version}_username ON {table} (username)"]

    def account(self, account_id: UUID) -> AccountRow | None:
        return self._row(account_id)

    def put_account(self, account: AccountRow) -> None:
        self._put(account.account_id, account)


class SqlAccountsReader(LatestRowsReader[AccountRow]):
    """Reads the serving version of the accounts view."""

    read_model, order = ACCOUNTS, "username"

    def from_row(self, row: dict[str, Any]) -> AccountRow:
        return _account(row)

    def account(self, account_id: UUID) -> AccountRow | None:
        found = self._rows("account_id = %s", [str(account_id)])
        return found[0] if found else None

    def account_by_username(self, username: str) -> AccountRow | None:
        found = self._rows("username = %s", [shown(username)])
        return found[0] if found else None

    def all_accounts(self) -> list[AccountRow]:
        return self._rows("1 = 1", [])
