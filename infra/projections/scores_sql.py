"""The scores view in SQL: `score_sheets_v<N>` (one row per assessment, with its entries and
score), `score_changes_v<N>` (one row per assessment event: the history that as-of readings
fold) and `score_rubrics_v<N>` (the published definitions the scores are computed with)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any
from uuid import UUID

from domain.rubric import Rubric
from domain.rubric_definition import rubric_from_definition
from infra.projections.catalog import ActiveVersion
from infra.projections.database import Database, Tx
from projections.scores import (
    PublishedRubric,
    ScoreRow,
    Sheet,
    SheetChange,
    SheetFilter,
    SheetHead,
    Summary,
    replay,
    score_row,
)

SHEET_COLUMNS = (
    "assessment_id, unit_id, rubric_id, rubric_code, rubric_version, period, opened_position, "
    "status, version, position, changed_at, changed_by, changed_role, total, result, layers, "
    "summary"
)
CHANGE_COLUMNS = (
    "assessment_id, version, position, changed_at, actor_id, actor_role, status, layer, item, "
    "entry, event"
)
CACHE_LIMIT = 2_000
"""Sheets kept in memory between batches (all are dropped when the limit is reached): a
whole sheet of entries takes tens of kilobytes."""
CHUNK = 500
"""Ids per IN (…) list when reading many sheets' histories."""


def dumps(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def parse_rubric(definition: Mapping[str, Any], code: str, version: int) -> Rubric:
    return rubric_from_definition(definition, f"{code} v{version}")


class RubricCache:
    """Published rubrics parsed once, by id."""

    def __init__(self) -> None:
        self._parsed: dict[UUID, Rubric] = {}

    def get(self, rubric_id: UUID, load: Any) -> Rubric:
        if rubric_id not in self._parsed:
            row = load(rubric_id)
            if row is None:
                raise LookupError(f"rubric {rubric_id} was never published")
            self._parsed[rubric_id] = parse_rubric(
                json.loads(row["definition"]), row["code"], int(row["version"])
            )
        return self._parsed[rubric_id]


def _head(row: Mapping[str, Any]) -> SheetHead:
    return SheetHead(
        UUID(row["assessment_id"]),
        UUID(row["unit_id"]),
        UUID(row["rubric_id"]),
        row["rubric_code"],
        int(row["rubric_version"]),
        row["period"],
        int(row["opened_position"]),
    )


class SqlScoresView:
    """Changes are buffered and written once per batch; the sheets a batch changed are
    scored once, when it is written. Sheets stay cached between batches."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._tx: Tx | None = None
        self._sheets = self._changes = self._rubrics = ""
        self._pending: list[SheetChange] = []
        self._dirty: dict[UUID, Sheet] = {}
        self._cache: dict[UUID, Sheet] = {}
        self._parsed = RubricCache()

    def tables(self, version: int) -> list[str]:
        sheets, changes, rubrics = self.table_names(version)
        t = self.db.time_type
        return [
            f"CREATE TABLE {sheets} (assessment_id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, "
            "rubric_id TEXT NOT NULL, rubric_code TEXT NOT NULL, rubric_version INTEGER NOT NULL, "
            "period TEXT NOT NULL, opened_position BIGINT NOT NULL, status TEXT NOT NULL, "
            f"version INTEGER NOT NULL, position BIGINT NOT NULL, changed_at {t}, "
            "changed_by TEXT NOT NULL, changed_role TEXT NOT NULL, total TEXT NOT NULL, "
            "result TEXT NOT NULL, layers TEXT NOT NULL, summary TEXT NOT NULL)",
            f"CREATE TABLE {changes} (assessment_id TEXT NOT NULL, version INTEGER NOT NULL, "
            f"position BIGINT NOT NULL, changed_at {t} NOT NULL, actor_id TEXT NOT NULL, "
            "actor_role TEXT NOT NULL, status TEXT, layer TEXT, item TEXT, entry TEXT, "
            "event TEXT NOT NULL, PRIMARY KEY (assessment_id, version))",
            f"CREATE TABLE {rubrics} (rubric_id TEXT PRIMARY KEY, code TEXT NOT NULL, "
            "version INTEGER NOT NULL, definition TEXT NOT NULL)",
        ]

    def indexes(self, version: int) -> list[str]:
        sheets = self.table_names(version)[0]
        return [
            f"CREATE INDEX IF NOT EXISTS score_sheets_v{version}_unit ON {sheets} "
            "(unit_id, period)",
            f"CREATE INDEX IF NOT EXISTS score_sheets_v{version}_period ON {sheets} "
            "(period, rubric_code)",
        ]

    def table_names(self, version: int) -> list[str]:
        return [self.db.table(name, version) for name in SCORE_TABLES]

    def begin(self, tx: Tx, version: int) -> None:
        self._tx = tx
        self._sheets, self._changes, self._rubrics = self.table_names(version)
        self._pending.clear()
        self._dirty.clear()

    def add_rubric(self, rubric: PublishedRubric) -> None:
        self._writing().run(
            f"INSERT INTO {self._rubrics} (rubric_id, code, version, definition) "
            "VALUES (%s, %s, %s, %s)",
            (str(rubric.rubric_id), rubric.code, rubric.version, dumps(rubric.definition)),
        )

    def open_sheet(self, head: SheetHead, change: SheetChange) -> None:
        sheet = Sheet(head)
        self._remember(sheet)
        self._apply(sheet, change)

    def change_sheet(self, change: SheetChange) -> None:
        aid = change.assessment_id
        # The batch's own sheets first: the cache may have dropped one not yet written.
        sheet = self._dirty.get(aid) or self._cache.get(aid) or self._load(aid)
        self._apply(sheet, change)

    def flush(self) -> None:
        tx = self._writing()
        tx.run_many(
            f"INSERT INTO {self._changes} ({CHANGE_COLUMNS}) VALUES ({', '.join(['%s'] * 11)})",
            [self._change_params(c) for c in self._pending],
        )
        updates = ", ".join(f"{c} = excluded.{c}" for c in SHEET_COLUMNS.split(", ")[7:])
        tx.run_many(
            f"INSERT INTO {self._sheets} ({SHEET_COLUMNS}) VALUES ({', '.join(['%s'] * 17)}) "
            f"ON CONFLICT (assessment_id) DO UPDATE SET {updates}",
            [self._sheet_params(sheet) for sheet in self._dirty.values()],
        )
        self._pending.clear()
        self._dirty.clear()
        self._tx = None

    def forget(self) -> None:
        self._pending.clear()
        self._dirty.clear()
        self._cache.clear()
        self._tx = None

    def _apply(self, sheet: Sheet, change: SheetChange) -> None:
        sheet.apply(change)
        self._pending.append(change)
        self._dirty[change.assessment_id] = sheet

    def _load(self, assessment_id: UUID) -> Sheet:
        row = self._writing().row(
            f"SELECT * FROM {self._sheets} WHERE assessment_id = %s", [str(assessment_id)]
        )
        if row is None:
            msg = f"assessment {assessment_id} changed before it was opened"
            raise LookupError(msg)
        sheet = Sheet(
            _head(row),
            row["status"],
            json.loads(row["layers"]),
            int(row["version"]),
            int(row["position"]),
            None if row["changed_at"] is None else self.db.read_time(row["changed_at"]),
            row["changed_by"],
            row["changed_role"],
        )
        self._remember(sheet)
        return sheet

    def _remember(self, sheet: Sheet) -> None:
        if len(self._cache) >= CACHE_LIMIT:
            self._cache.clear()
        self._cache[sheet.head.assessment_id] = sheet

    def _rubric(self, rubric_id: UUID) -> Rubric:
        def load(rid: UUID) -> dict[str, Any] | None:
            return self._writing().row(
                f"SELECT * FROM {self._rubrics} WHERE rubric_id = %s", [str(rid)]
            )

        return self._parsed.get(rubric_id, load)

    def _change_params(self, c: SheetChange) -> tuple[object, ...]:
        entry = None if c.entry is None else dumps(c.entry)
        return (
            *(str(c.assessment_id), c.version, c.position, self.db.time(c.at), c.actor_id),
            *(c.actor_role, c.status, c.layer, c.item, entry, c.event),
        )

    def _sheet_params(self, sheet: Sheet) -> tuple[object, ...]:
        h = sheet.head
        summary = score_row(sheet, self._rubric(h.rubric_id)).summary
        at = None if sheet.changed_at is None else self.db.time(sheet.changed_at)
        return (
            *(str(h.assessment_id), str(h.unit_id), str(h.rubric_id), h.rubric_code),
            *(h.rubric_version, h.period, h.position, sheet.status, sheet.version),
            *(sheet.position, at, sheet.changed_by, sheet.changed_role, str(summary.total)),
            *(summary.result, dumps(sheet.layers), dumps(summary.to_json())),
        )

    def _writing(self) -> Tx:
        if self._tx is None:
            raise RuntimeError("the scores view is written only inside a batch")
        return self._tx


SCORE_TABLES = ("score_sheets", "score_changes", "score_rubrics")


class SqlScoresReader:
    """Reads the serving version: the sheets as they are, or folded from their changes up to
    a log position."""

    def __init__(self, active: ActiveVersion) -> None:
        self.active = active
        self.db = active.db
        self._parsed = RubricCache()

    def sheet(self, assessment_id: UUID, as_of: int | None = None) -> ScoreRow | None:
        found = self.sheets(SheetFilter(assessment_ids=frozenset([assessment_id])), as_of)
        return found[0] if found else None

    def sheets(self, where: SheetFilter, as_of: int | None = None) -> list[ScoreRow]:
        conditions, params = _conditions(where)
        if conditions is None:
            return []
        if as_of is not None:
            conditions.append("opened_position <= %s")
            params.append(as_of)
        sql_where = f"WHERE {' AND '.join(conditions)} " if conditions else ""

        def query(tx: Tx, version: int) -> list[ScoreRow]:
            sheets, changes, _ = (self.db.table(t, version) for t in SCORE_TABLES)
            rows = tx.rows(f"SELECT * FROM {sheets} {sql_where}ORDER BY assessment_id", params)
            if as_of is None:
                return [self._live(row) for row in rows]
            # A sheet unchanged since the position is its live row; only the others are folded.
            moved = [_head(r) for r in rows if int(r["position"]) > as_of]
            folded = {s.assessment_id: s for s in self._folded(tx, version, changes, moved, as_of)}
            return [folded.get(UUID(r["assessment_id"])) or self._live(r) for r in rows]

        return self.active.read(query)

    def rubric(self, rubric_id: UUID) -> Rubric:
        def load(rid: UUID) -> dict[str, Any] | None:
            def query(tx: Tx, version: int) -> dict[str, Any] | None:
                table = self.db.table("score_rubrics", version)
                return tx.row(f"SELECT * FROM {table} WHERE rubric_id = %s", [str(rid)])

            return self.active.read(query)

        return self._parsed.get(rubric_id, load)

    def rubrics(self) -> list[Rubric]:
        def query(tx: Tx, version: int) -> list[UUID]:
            table = self.db.table("score_rubrics", version)
            rows = tx.rows(f"SELECT rubric_id FROM {table} ORDER BY code, version")
            return [UUID(r["rubric_id"]) for r in rows]

        return [self.rubric(rid) for rid in self.active.read(query)]

    def _live(self, row: Mapping[str, Any]) -> ScoreRow:
        return ScoreRow(
            _head(row),
            row["status"],
            int(row["version"]),
            int(row["position"]),
            None if row["changed_at"] is None else self.db.read_time(row["changed_at"]),
            row["changed_by"],
            row["changed_role"],
            json.loads(row["layers"]),
            Summary.from_json(json.loads(row["summary"])),
        )

    def histories(
        self, assessment_ids: Iterable[UUID], as_of: int | None = None
    ) -> dict[UUID, list[SheetChange]]:
        """Each assessment's changes in version order (up to a log position)."""

        def query(tx: Tx, version: int) -> dict[UUID, list[SheetChange]]:
            table = self.db.table("score_changes", version)
            return self._changes_of(tx, table, assessment_ids, as_of)

        return self.active.read(query)

    def _folded(
        self, tx: Tx, version: int, changes: str, heads: list[SheetHead], as_of: int
    ) -> list[ScoreRow]:
        by_id = self._changes_of(tx, changes, (h.assessment_id for h in heads), as_of)
        return [
            score_row(replay(h, by_id[h.assessment_id]), self.rubric(h.rubric_id)) for h in heads
        ]

    def _changes_of(
        self, tx: Tx, table: str, assessment_ids: Iterable[UUID], as_of: int | None
    ) -> dict[UUID, list[SheetChange]]:
        by_id: dict[UUID, list[SheetChange]] = {aid: [] for aid in assessment_ids}
        bound = "" if as_of is None else " AND position <= %s"
        for chunk in _chunks(sorted(str(aid) for aid in by_id)):
            rows = tx.rows(
                f"SELECT * FROM {table} WHERE assessment_id IN "
                f"({', '.join(['%s'] * len(chunk))}){bound} ORDER BY assessment_id, version",
                [*chunk] if as_of is None else [*chunk, as_of],
            )
            for r in rows:
                by_id[UUID(r["assessment_id"])].append(self._change(r))
        return by_id

    def _change(self, r: Mapping[str, Any]) -> SheetChange:
        return SheetChange(
            UUID(r["assessment_id"]),
            int(r["version"]),
            int(r["position"]),
            self.db.read_time(r["changed_at"]),
            r["actor_id"],
            r["actor_role"],
            r["status"],
            r["layer"],
            r["item"],
            None if r["entry"] is None else json.loads(r["entry"]),
            r["event"],
        )


def _chunks(ids: list[str]) -> Iterable[list[str]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _conditions(where: SheetFilter) -> tuple[list[str] | None, list[object]]:
    """SQL conditions and parameters of a filter; None when it can match nothing."""
    conditions: list[str] = []
    params: list[object] = []
    for column, value in (("period", where.period), ("rubric_code", where.rubric_code)):
        if value is not None:
            conditions.append(f"{column} = %s")
            params.append(value)
    for column, values in (
        ("unit_id", where.unit_ids),
        ("period", where.periods),
        ("assessment_id", where.assessment_ids),
    ):
        if values is not None:
            if not values:
                return None, []
            conditions.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
            params.extend(sorted(str(v) for v in values))
    return conditions, params
