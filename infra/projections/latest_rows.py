"""A SQL view of one row per aggregate, as it stands after its last event, and its reader:
what the accounts and campaigns views share (their rows, tables and queries are their own)."""

from __future__ import annotations

from typing import Any, ClassVar, Generic, TypeVar
from uuid import UUID

from infra.projections.catalog import ActiveVersion
from infra.projections.database import Database, Tx

R = TypeVar("R")


class LatestRowsView(Generic[R]):
    """A batch's rows are written together when it is flushed (each aggregate's row once, as
    it stands at the end of the batch); nothing is cached between batches. Subclasses name
    the read model, the key column and the columns, and turn a row into and out of SQL."""

    read_model: ClassVar[str]
    key: ClassVar[str]
    columns: ClassVar[str]

    def __init__(self, db: Database) -> None:
        self.db = db
        self._tx: Tx | None = None
        self._table = ""
        self._latest: dict[UUID, R] = {}

    def to_params(self, row: R) -> tuple[object, ...]:
        raise NotImplementedError

    def from_row(self, row: dict[str, Any]) -> R:
        raise NotImplementedError

    def table_names(self, version: int) -> list[str]:
        return [self.db.table(self.read_model, version)]

    def begin(self, tx: Tx, version: int) -> None:
        self.forget()
        self._tx = tx
        self._table = self.table_names(version)[0]

    def flush(self) -> None:
        tx = self._writing()
        names = self.columns.split(", ")
        updates = ", ".join(f"{c} = excluded.{c}" for c in names[1:])
        tx.run_many(
            f"INSERT INTO {self._table} ({self.columns}) VALUES ({', '.join(['%s'] * len(names))})"
            f" ON CONFLICT ({self.key}) DO UPDATE SET {updates}",
            [self.to_params(r) for r in self._latest.values()],
        )
        self.forget()

    def forget(self) -> None:
        self._tx = None
        self._latest.clear()

    def building(self, version: int | None, fresh: bool = True) -> None:
        """Nothing to defer beyond the batch: these views hold few rows."""

    def settle(self, tx: Tx) -> None:
        """Nothing was deferred."""

    def _row(self, key: UUID) -> R | None:
        if key in self._latest:
            return self._latest[key]
        statement = f"SELECT * FROM {self._table} WHERE {self.key} = %s"
        row = self._writing().row(statement, [str(key)])
        return None if row is None else self.from_row(row)

    def _put(self, key: UUID, row: R) -> None:
        self._writing()
        self._latest[key] = row

    def _writing(self) -> Tx:
        if self._tx is None:
            raise RuntimeError(f"the {self.read_model} view is written only inside a batch")
        return self._tx


class LatestRowsReader(Generic[R]):
    """Reads the serving version of a one-row-per-aggregate view, in the view's order."""

    read_model: ClassVar[str]
    order: ClassVar[str]

    def __init__(self, active: ActiveVersion) -> None:
        self.active = active

    def from_row(self, row: dict[str, Any]) -> R:
        raise NotImplementedError

    def _rows(self, condition: str, params: list[object]) -> list[R]:
        def query(tx: Tx, version: int) -> list[R]:
            table = self.active.db.table(self.read_model, version)
            statement = f"SELECT * FROM {table} WHERE {condition} ORDER BY {self.order}"
            return [self.from_row(r) for r in tx.rows(statement, params)]

        return self.active.read(query)
