"""The units view in SQL: `units_v<N>` (one row per unit), `unit_history_v<N>` (every
version of every unit, for readings as of a log position) and `unit_parents_v<N>`."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from infra.projections.catalog import ActiveVersion
from infra.projections.database import Database, Tx
from infra.projections.text import shown
from projections.units import UNITS, ParentLink, UnitRow

UNIT_COLUMNS = (
    "unit_id, code, name, level, parent_id, contact, phone, closed, version, position, "
    "registered_on, changed_on"
)
PARENT_COLUMNS = "unit_id, version, effective_from, parent_id, position"
UNIT_TABLES = (UNITS, "unit_parents", "unit_history")


def _id(value: UUID | None) -> str | None:
    return None if value is None else str(value)


def _uuid(value: str | None) -> UUID | None:
    return None if value is None else UUID(value)


def _unit(row: dict[str, Any]) -> UnitRow:
    return UnitRow(
        UUID(row["unit_id"]),
        row["code"],
        row["name"],
        row["level"],
        _uuid(row["parent_id"]),
        row["contact"],
        row["phone"],
        bool(row["closed"]),
        int(row["version"]),
        int(row["position"]),
        row["registered_on"],
        row["changed_on"],
    )


def _unit_params(u: UnitRow) -> tuple[object, ...]:
    return (
        *(str(u.unit_id), shown(u.code), shown(u.name), u.level, _id(u.parent_id)),
        *(shown(u.contact), shown(u.phone), int(u.closed), u.version, u.position),
        *(u.registered_on, u.changed_on),
    )


def _link(row: dict[str, Any]) -> ParentLink:
    return ParentLink(
        UUID(row["unit_id"]),
        int(row["version"]),
        row["effective_from"],
        _uuid(row["parent_id"]),
        int(row["position"]),
    )


class SqlUnitsView:
    """A batch's rows are written together when it is flushed (each unit's row once, as it
    stands at the end of the batch); nothing is cached between batches."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._tx: Tx | None = None
        self._units = self._parents = self._history = ""
        self._latest: dict[UUID, UnitRow] = {}
        self._history_rows: list[UnitRow] = []
        self._links: list[ParentLink] = []

    def tables(self, version: int) -> list[str]:
        units, parents, history = self.table_names(version)
        return [
            f"CREATE TABLE {units} (unit_id TEXT PRIMARY KEY, code TEXT NOT NULL, "
            "name TEXT NOT NULL, level TEXT NOT NULL, parent_id TEXT, contact TEXT NOT NULL, "
            "phone TEXT NOT NULL, closed INTEGER NOT NULL, version INTEGER NOT NULL, "
            "position BIGINT NOT NULL, registered_on TEXT NOT NULL, changed_on TEXT NOT NULL)",
            f"CREATE TABLE {parents} (unit_id TEXT NOT NULL, version INTEGER NOT NULL, "
            "effective_from TEXT NOT NULL, parent_id TEXT, position BIGINT NOT NULL, "
            "PRIMARY KEY (unit_id, version))",
            f"CREATE TABLE {history} (unit_id TEXT NOT NULL, code TEXT NOT NULL, "
            "name TEXT NOT NULL, level TEXT NOT NULL, parent_id TEXT, contact TEXT NOT NULL, "
            "phone TEXT NOT NULL, closed INTEGER NOT NULL, version INTEGER NOT NULL, "
            "position BIGINT NOT NULL, registered_on TEXT NOT NULL, changed_on TEXT NOT NULL, "
            "PRIMARY KEY (unit_id, version))",
        ]

    def indexes(self, version: int) -> list[str]:
        units = self.table_names(version)[0]
        # Not unique: the domain keeps codes unique, and two codes that differ only by NUL
        # against a literal ␀ are shown alike (see infra.projections.text).
        return [f"CREATE INDEX IF NOT EXISTS units_v{version}_code ON {units} (code)"]

    def table_names(self, version: int) -> list[str]:
        return [self.db.table(name, version) for name in UNIT_TABLES]

    def begin(self, tx: Tx, version: int) -> None:
        self.forget()
        self._tx = tx
        self._units, self._parents, self._history = self.table_names(version)

    def flush(self) -> None:
        tx = self._writing()
        updates = ", ".join(f"{c} = excluded.{c}" for c in UNIT_COLUMNS.split(", ")[1:])
        marks = ", ".join(["%s"] * 12)
        tx.run_many(
            f"INSERT INTO {self._units} ({UNIT_COLUMNS}) VALUES ({marks}) "
            f"ON CONFLICT (unit_id) DO UPDATE SET {updates}",
            [_unit_params(u) for u in self._latest.values()],
        )
        tx.run_many(
            f"INSERT INTO {self._history} ({UNIT_COLUMNS}) VALUES ({marks})",
            [_unit_params(u) for u in self._history_rows],
        )
        tx.run_many(
            f"INSERT INTO {self._parents} ({PARENT_COLUMNS}) VALUES (%s, %s, %s, %s, %s)",
            [
                (str(p.unit_id), p.version, p.effective_from, _id(p.parent_id), p.position)
                for p in self._links
            ],
        )
        self.forget()

    def forget(self) -> None:
        self._tx = None
        self._latest.clear()
        self._history_rows.clear()
        self._links.clear()

    def building(self, version: int | None, fresh: bool = True) -> None:
        """Nothing to defer beyond the batch: units are few."""

    def settle(self, tx: Tx) -> None:
        """Nothing was deferred."""

    def unit(self, unit_id: UUID) -> UnitRow | None:
        if unit_id in self._latest:
            return self._latest[unit_id]
        row = self._writing().row(f"SELECT * FROM {self._units} WHERE unit_id = %s", [str(unit_id)])
        return None if row is None else _unit(row)

    def put_unit(self, unit: UnitRow) -> None:
        self._writing()
        self._latest[unit.unit_id] = unit
        self._history_rows.append(unit)

    def add_parent(self, link: ParentLink) -> None:
        self._writing()
        self._links.append(link)

    def _writing(self) -> Tx:
        if self._tx is None:
            raise RuntimeError("the units view is written only inside a batch")
        return self._tx


class SqlUnitsReader:
    """Reads the serving version of the units view: as it is, or, given `as_of`, as it stood
    at that log position (inclusive)."""

    def __init__(self, active: ActiveVersion, as_of: int | None = None) -> None:
        self.active = active
        self.as_of = as_of

    def unit(self, unit_id: UUID) -> UnitRow | None:
        found = self._units("unit_id = %s", [str(unit_id)])
        return found[0] if found else None

    def unit_by_code(self, code: str) -> UnitRow | None:
        found = self._units("code = %s", [shown(code)])
        return found[0] if found else None

    def all_units(self) -> list[UnitRow]:
        return self._units("1 = 1", [])

    def parents_on(self, day: str) -> dict[UUID, UUID | None]:
        seen = "" if self.as_of is None else " AND q.position <= %s"
        params: list[object] = [day] if self.as_of is None else [day, self.as_of]

        def query(tx: Tx, version: int) -> dict[UUID, UUID | None]:
            parents = self.active.db.table("unit_parents", version)
            rows = tx.rows(
                f"SELECT p.unit_id, p.parent_id FROM {parents} p WHERE p.version = ("
                f"SELECT MAX(q.version) FROM {parents} q "
                f"WHERE q.unit_id = p.unit_id AND q.effective_from <= %s{seen})",
                params,
            )
            return {UUID(r["unit_id"]): _uuid(r["parent_id"]) for r in rows}

        return self.active.read(query)

    def units_on(self, day: str) -> list[UnitRow]:
        seen = "" if self.as_of is None else " AND q.position <= %s"
        params: list[object] = [day] if self.as_of is None else [day, self.as_of, self.as_of]

        def query(tx: Tx, version: int) -> list[UnitRow]:
            history = self.active.db.table("unit_history", version)
            statement = (
                f"SELECT * FROM {history} h WHERE h.version = COALESCE(("
                f"SELECT MAX(q.version) FROM {history} q "
                f"WHERE q.unit_id = h.unit_id AND q.changed_on <= %s{seen}), ("
                f"SELECT MIN(q.version) FROM {history} q WHERE q.unit_id = h.unit_id))"
                f"{seen.replace('q.', 'h.')} ORDER BY code"
            )
            return [_unit(r) for r in tx.rows(statement, params)]

        return self.active.read(query)

    def parent_history(self, unit_id: UUID) -> list[ParentLink]:
        seen = "" if self.as_of is None else " AND position <= %s"
        params = [str(unit_id)] + ([] if self.as_of is None else [self.as_of])

        def query(tx: Tx, version: int) -> list[ParentLink]:
            parents = self.active.db.table("unit_parents", version)
            rows = tx.rows(
                f"SELECT * FROM {parents} WHERE unit_id = %s{seen} ORDER BY version", params
            )
            return [_link(r) for r in rows]

        return self.active.read(query)

    def move_days(self) -> list[str]:
        seen = "" if self.as_of is None else " AND position <= %s"
        params = [] if self.as_of is None else [self.as_of]

        def query(tx: Tx, version: int) -> list[str]:
            parents = self.active.db.table("unit_parents", version)
            rows = tx.rows(
                f"SELECT DISTINCT effective_from FROM {parents} "
                f"WHERE effective_from <> ''{seen} ORDER BY effective_from",
                params,
            )
            return [str(r["effective_from"]) for r in rows]

        return self.active.read(query)

    def _units(self, condition: str, params: list[object]) -> list[UnitRow]:
        def query(tx: Tx, version: int) -> list[UnitRow]:
            units, _, history = (self.active.db.table(t, version) for t in UNIT_TABLES)
            if self.as_of is None:
                statement = f"SELECT * FROM {units} WHERE {condition} ORDER BY code"
                return [_unit(r) for r in tx.rows(statement, params)]
            statement = (
                f"SELECT * FROM {history} h WHERE {condition} AND h.version = ("
                f"SELECT MAX(q.version) FROM {history} q "
                "WHERE q.unit_id = h.unit_id AND q.position <= %s) ORDER BY code"
            )
            return [_unit(r) for r in tx.rows(statement, [*params, self.as_of])]

        return self.active.read(query)
