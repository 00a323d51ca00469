"""The accounts view in SQL: `accounts_v<N>`, one row per account, its grants as JSON."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from infra.projections.catalog import ActiveVersion
from infra.projections.database import Database, Tx
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


class SqlAccountsView:
    """A batch's rows are written together when it is flushed (each account's row once, as
    it stands at the end of the batch); nothing is cached between batches."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._tx: Tx | None = None
        self._table = ""
        self._latest: dict[UUID, AccountRow] = {}

    def tables(self, version: int) -> list[str]:
        return [
            f"CREATE TABLE {self.table_names(version)[0]} (account_id TEXT PRIMARY KEY, "
            "username TEXT NOT NULL, display_name TEXT NOT NULL, disabled INTEGER NOT NULL, "
            "grants TEXT NOT NULL, version INTEGER NOT NULL, position BIGINT NOT NULL)"
        ]

    def indexes(self, version: int) -> list[str]:
        table = self.table_names(version)[0]
        return [f"CREATE INDEX IF NOT EXISTS accounts_v{version}_username ON {table} (username)"]

    def table_names(self, version: int) -> list[str]:
        return [self.db.table(ACCOUNTS, version)]

    def begin(self, tx: Tx, version: int) -> None:
        self.forget()
        self._tx = tx
        self._table = self.table_names(version)[0]

    def flush(self) -> None:
        tx = self._writing()
        updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS.split(", ")[1:])
        tx.run_many(
            f"INSERT INTO {self._table} ({COLUMNS}) VALUES ({', '.join(['%s'] * 7)}) "
            f"ON CONFLICT (account_id) DO UPDATE SET {updates}",
            [_params(a) for a in self._latest.values()],
        )
        self.forget()

    def forget(self) -> None:
        self._tx = None
        self._latest.clear()

    def building(self, version: int | None, fresh: bool = True) -> None:
        """Nothing to defer beyond the batch: accounts are few."""

    def settle(self, tx: Tx) -> None:
        """Nothing was deferred."""

    def account(self, account_id: UUID) -> AccountRow | None:
        if account_id in self._latest:
            return self._latest[account_id]
        statement = f"SELECT * FROM {self._table} WHERE account_id = %s"
        row = self._writing().row(statement, [str(account_id)])
        return None if row is None else _account(row)

    def put_account(self, account: AccountRow) -> None:
        self._writing()
        self._latest[account.account_id] = account

    def _writing(self) -> Tx:
        if self._tx is None:
            raise RuntimeError("the accounts view is written only inside a batch")
        return self._tx


class SqlAccountsReader:
    """Reads the serving version of the accounts view."""

    def __init__(self, active: ActiveVersion) -> None:
        self.active = active

    def account(self, account_id: UUID) -> AccountRow | None:
        found = self._accounts("account_id = %s", [str(account_id)])
        return found[0] if found else None

    def account_by_username(self, username: str) -> AccountRow | None:
        found = self._accounts("username = %s", [shown(username)])
        return found[0] if found else None

    def all_accounts(self) -> list[AccountRow]:
        return self._accounts("1 = 1", [])

    def _accounts(self, condition: str, params: list[object]) -> list[AccountRow]:
        def query(tx: Tx, version: int) -> list[AccountRow]:
            table = self.active.db.table(ACCOUNTS, version)
            statement = f"SELECT * FROM {table} WHERE {condition} ORDER BY username"
            return [_account(r) for r in tx.rows(statement, params)]

        return self.active.read(query)
