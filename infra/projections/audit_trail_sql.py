"""The audit trail in SQL: `audit_trail_v<N>` (one row per event) and `audit_facts_v<N>`."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from infra.projections.catalog import ActiveVersion
from infra.projections.database import Database, Tx, id_text
from infra.projections.text import NUL, shown, shown_all, shown_or_none
from projections.audit_trail import AUDIT_TRAIL, AuditFilter, AuditRow

COLUMNS = (
    "position, occurred_at, actor_id, actor_role, actor_unit, correlation_id, aggregate_id, "
    "aggregate_version, aggregate_kind, topic, assessment_id, unit_id, item, layer, "
    "old_layer, old_value, new_value, detail, reason, hash"
)
COLUMN_TYPES = ("int8", "timestamptz", *["text"] * 5, "int4", *["text"] * 12)
"""The PostgreSQL types of COLUMNS (as the table defines them)."""
FACTS = "audit_facts"
CACHE_LIMIT = 50_000
"""Facts kept in memory between batches (all are dropped when the limit is reached)."""

FactKey = tuple[str, str]
"""An aggregate's id (as text) and a field."""


def _id(value: UUID | None) -> str | None:
    return None if value is None else id_text(value)


class SqlAuditTrailView:
    """Rows are buffered and written once per batch (copied in bulk into a version being
    built); facts are read through a cache and written once per batch, so a rebuild does not
    pay a round trip per event."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._tx: Tx | None = None
        self._trail = self._facts = ""
        self._rows: list[tuple[object, ...]] = []
        self._pending: dict[FactKey, str] = {}
        self._cache: dict[FactKey, str | None] = {}
        self._bulk = False
        self._time = db.time

    def tables(self, version: int) -> list[str]:
        trail, facts = self.table_names(version)
        t = self.db.time_type
        return [
            f"CREATE TABLE {trail} (position BIGINT PRIMARY KEY, occurred_at {t} NOT NULL, "
            "actor_id TEXT NOT NULL, actor_role TEXT NOT NULL, actor_unit TEXT NOT NULL, "
            "correlation_id TEXT NOT NULL, aggregate_id TEXT NOT NULL, "
            "aggregate_version INTEGER NOT NULL, aggregate_kind TEXT NOT NULL, "
            "topic TEXT NOT NULL, assessment_id TEXT, unit_id TEXT, item TEXT, layer TEXT, "
            "old_layer TEXT, old_value TEXT, new_value TEXT, detail TEXT, reason TEXT NOT NULL, "
            "hash TEXT NOT NULL)",
            f"CREATE TABLE {facts} (aggregate_id TEXT NOT NULL, field TEXT NOT NULL, "
            "value TEXT NOT NULL, PRIMARY KEY (aggregate_id, field))",
        ]

    def indexes(self, version: int) -> list[str]:
        trail = self.table_names(version)[0]
        on = {
            "assessment": "assessment_id, position",
            "actor": "actor_id, position",
            "unit": "unit_id, position",
            "time": "occurred_at",
        }
        return [
            f"CREATE INDEX IF NOT EXISTS audit_trail_v{version}_{name} ON {trail} ({columns})"
            for name, columns in on.items()
        ]

    def table_names(self, version: int) -> list[str]:
        return [self.db.table(AUDIT_TRAIL, version), self.db.table(FACTS, version)]

    def begin(self, tx: Tx, version: int) -> None:
        self._tx = tx
        self._trail, self._facts = self.table_names(version)
        self._rows.clear()
        self._pending.clear()

    def add(self, row: AuditRow) -> None:
        # The row is already in column order: only its ids and time change form.
        (position, at, actor, role, unit, correlation, aggregate_id, version, kind, topic) = row[
            :10
        ]
        assessment_id, unit_id = row[10], row[11]
        item, layer, old_layer, old, new, detail, reason = row[12:19]
        values = (
            *(position, self._time(at), actor, role, unit, correlation, id_text(aggregate_id)),
            *(version, kind, topic),
            None if assessment_id is None else id_text(assessment_id),
            None if unit_id is None else id_text(unit_id),
            *row[12:],
        )
        # One look for NUL over every text of the row at once (None reads as "None"): it is
        # rare, and looking field by field cost more than the rest of the row.
        texts = (
            f"{actor}{role}{unit}{correlation}{item}{layer}{old_layer}{old}{new}{detail}{reason}"
        )
        self._rows.append(shown_all(values) if NUL in texts else values)

    def fact(self, aggregate_id: UUID, field: str) -> str | None:
        key = (id_text(aggregate_id), shown(field))
        pending = self._pending.get(key)  # a pending value is never None
        if pending is not None:
            return pending
        if key in self._cache:
            return self._cache[key]
        row = self._writing().row(
            f"SELECT value FROM {self._facts} WHERE aggregate_id = %s AND field = %s", list(key)
        )
        found = None if row is None else str(row["value"])
        self._remember(key, found)
        return found

    def set_fact(self, aggregate_id: UUID, field: str, value: str) -> None:
        # Kept as stored, so a fact reads the same from this batch as from the table.
        self._pending[(id_text(aggregate_id), shown(field))] = shown(value)

    def flush(self) -> None:
        tx = self._writing()
        if self._bulk:
            tx.copy(self._trail, COLUMNS, COLUMN_TYPES, self._rows)
        else:
            marks = ", ".join(["%s"] * 20)
            tx.run_many(f"INSERT INTO {self._trail} ({COLUMNS}) VALUES ({marks})", self._rows)
        tx.run_many(
            f"INSERT INTO {self._facts} (aggregate_id, field, value) VALUES (%s, %s, %s) "
            "ON CONFLICT (aggregate_id, field) DO UPDATE SET value = excluded.value",
            [(aid, field, value) for (aid, field), value in self._pending.items()],
        )
        for key, value in self._pending.items():
            self._remember(key, value)
        self._rows.clear()
        self._pending.clear()
        self._tx = None

    def forget(self) -> None:
        self._rows.clear()
        self._pending.clear()
        self._cache.clear()
        self._tx = None

    def building(self, version: int | None, fresh: bool = True) -> None:
        self._bulk = version is not None

    def settle(self, tx: Tx) -> None:
        """Nothing was deferred: rows and facts are written with each batch."""

    def _remember(self, key: FactKey, value: str | None) -> None:
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        self._cache[key] = value

    def _writing(self) -> Tx:
        if self._tx is None:
            raise RuntimeError("the audit trail is written only inside a batch")
        return self._tx


class SqlAuditTrailReader:
    """Reads the serving version of the audit trail, newest first."""

    def __init__(self, active: ActiveVersion) -> None:
        self.active = active

    def rows(self, where: AuditFilter, limit: int) -> list[AuditRow]:
        db = self.active.db
        conditions: list[str] = []
        params: list[object] = []
        for column, value in (
            ("assessment_id", _id(where.assessment_id)),
            ("item", shown_or_none(where.item)),
            ("actor_id", shown_or_none(where.actor_id)),
        ):
            if value is not None:
                conditions.append(f"{column} = %s")
                params.append(value)
        if where.unit_ids is not None:
            if not where.unit_ids:
                return []
            conditions.append(f"unit_id IN ({', '.join(['%s'] * len(where.unit_ids))})")
            params.extend(sorted(str(u) for u in where.unit_ids))
        for condition, bound in (
            ("occurred_at >= %s", None if where.since is None else db.time(where.since)),
            ("occurred_at < %s", None if where.until is None else db.time(where.until)),
            ("position <= %s", where.max_position),
        ):
            if bound is not None:
                conditions.append(condition)
                params.append(bound)
        sql_where = f"WHERE {' AND '.join(conditions)} " if conditions else ""

        def query(tx: Tx, version: int) -> list[AuditRow]:
            table = db.table(AUDIT_TRAIL, version)
            statement = f"SELECT * FROM {table} {sql_where}ORDER BY position DESC LIMIT %s"
            return [self._row(r) for r in tx.rows(statement, [*params, limit])]

        return self.active.read(query)

    def _row(self, r: dict[str, Any]) -> AuditRow:
        def uuid(value: str | None) -> UUID | None:
            return None if value is None else UUID(value)

        return AuditRow(
            position=int(r["position"]),
            occurred_at=self.active.db.read_time(r["occurred_at"]),
            actor_id=r["actor_id"],
            actor_role=r["actor_role"],
            actor_unit=r["actor_unit"],
            correlation_id=r["correlation_id"],
            aggregate_id=UUID(r["aggregate_id"]),
            aggregate_version=int(r["aggregate_version"]),
            aggregate_kind=r["aggregate_kind"],
            topic=r["topic"],
            assessment_id=uuid(r["assessment_id"]),
            unit_id=uuid(r["unit_id"]),
            item=r["item"],
            layer=r["layer"],
            old_layer=r["old_layer"],
            old=r["old_value"],
            new=r["new_value"],
            detail=r["detail"],
            reason=r["reason"],
            hash=r["hash"],
        )
