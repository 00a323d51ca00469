"""The scores view in SQL: `score_sheets_v<N>` (one row per assessment, with its entries and
score), `score_changes_v<N>` (one row per assessment event: the history that as-of readings
fold) and `score_rubrics_v<N>` (the published definitions the scores are computed with)."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

from domain.canonical import canonical_json
from domain.rubric import Rubric
from infra.projections.database import Database, Tx, id_text
from infra.projections.scores_read_sql import SCORE_TABLES as SCORE_TABLES
from infra.projections.scores_read_sql import RubricCache, change_from_row, sheet_head
from infra.projections.scores_read_sql import SqlScoresReader as SqlScoresReader
from projections.scores import (
    PublishedRubric,
    Sheet,
    SheetChange,
    SheetHead,
    Summary,
    entry_json,
    summarize,
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
CHANGE_TYPES = ("text", "int4", "int8", "timestamptz", *["text"] * 7)
"""The PostgreSQL types of CHANGE_COLUMNS (as the table defines them)."""
CACHE_LIMIT = 2_000
"""Sheets kept in memory between batches: a whole sheet of entries takes tens of kilobytes.
Serving, all are dropped when the limit is reached; building, the least recently changed
quarter is written out and dropped."""

_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def dumps(data: object) -> str:
    return _ENCODER.encode(data)


def compact(data: object) -> str:
    """`dumps` of data made of text, whole numbers, lists and dicts only (entries, sheets,
    summaries): the canonical encoding, which is the same text, made faster."""
    return canonical_json(data).decode()


class SqlScoresView:
    """Changes are buffered and written once per batch; the sheets a batch changed are
    scored once, when it is written. Sheets stay cached between batches.

    While a version is being built, its changes are copied in bulk and a changed sheet is
    scored and written only when it leaves the cache or the build settles (once per build,
    not once per batch). A sheet's row is written when it is opened, so that a build resumed
    after a crash finds every sheet; a resumed build brings the rows that lag behind their
    changes up to date when it settles."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._tx: Tx | None = None
        self._sheets = self._changes = self._rubrics = ""
        self._pending: list[SheetChange] = []
        # Sheets by their assessment id's number: hashing a UUID is slow.
        self._dirty: dict[int, Sheet] = {}
        self._cache: dict[int, Sheet] = {}
        self._parsed = RubricCache()
        self._building: int | None = None
        self._complete = True
        """Building: every change folded since the build began is in the cache or its row."""
        self._opened: list[tuple[object, ...]] = []
        self._empty: dict[UUID, Summary] = {}

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
        self._opened.clear()
        if self._building is None:
            self._dirty.clear()

    def building(self, version: int | None, fresh: bool = True) -> None:
        self.forget()
        self._building, self._complete = version, fresh

    def settle(self, tx: Tx) -> None:
        """Score and write every sheet changed since it was last written; if sheets were lost
        from memory (a resumed or interrupted build), first reload those whose row lags."""
        if self._building is None:
            return
        self.begin(tx, self._building)
        if not self._complete:
            for aid in self._lagging():
                self._load(aid)
            self._complete = True
        self._write_sheets(list(self._dirty.values()))
        self._dirty.clear()
        self._tx = None

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
        if self._building is not None:
            self._opened.append(self._sheet_params(sheet, self._empty_summary(head.rubric_id)))

    def change_sheet(self, change: SheetChange) -> None:
        key = change.assessment_id.int
        # The batch's own sheets first: the cache may have dropped one not yet written.
        sheet = self._dirty.get(key) or self._cache.get(key) or self._load(change.assessment_id)
        self._apply(sheet, change)

    def flush(self) -> None:
        tx = self._writing()
        changes = [self._change_params(c) for c in self._pending]
        if self._building is None:
            marks = ", ".join(["%s"] * 11)
            tx.run_many(f"INSERT INTO {self._changes} ({CHANGE_COLUMNS}) VALUES ({marks})", changes)
            self._write_sheets(list(self._dirty.values()))
            self._dirty.clear()
        else:
            tx.copy(self._changes, CHANGE_COLUMNS, CHANGE_TYPES, changes)
            # A sheet written when it left the cache, in this batch, is newer: keep it.
            tx.run_many(
                f"INSERT INTO {self._sheets} ({SHEET_COLUMNS}) VALUES ({', '.join(['%s'] * 17)}) "
                "ON CONFLICT (assessment_id) DO NOTHING",
                self._opened,
            )
        self._pending.clear()
        self._opened.clear()
        self._tx = None

    def forget(self) -> None:
        if self._dirty and self._building is not None:
            self._complete = False
        self._pending.clear()
        self._opened.clear()
        self._dirty.clear()
        self._cache.clear()
        self._tx = None

    def _apply(self, sheet: Sheet, change: SheetChange) -> None:
        sheet.apply(change)
        self._pending.append(change)
        key = change.assessment_id.int
        self._dirty[key] = sheet
        if self._building is not None:  # most recently changed last
            self._cache[key] = self._cache.pop(key, sheet)

    def _load(self, assessment_id: UUID) -> Sheet:
        tx = self._writing()
        row = tx.row(f"SELECT * FROM {self._sheets} WHERE assessment_id = %s", [str(assessment_id)])
        if row is None:
            msg = f"assessment {assessment_id} changed before it was opened"
            raise LookupError(msg)
        sheet = Sheet(
            sheet_head(row),
            row["status"],
            json.loads(row["layers"]),
            int(row["version"]),
            int(row["position"]),
            None if row["changed_at"] is None else self.db.read_time(row["changed_at"]),
            row["changed_by"],
            row["changed_role"],
        )
        self._remember(sheet)
        if self._building is not None and not self._complete:
            # The row may lag behind changes whose sheet was lost from memory.
            later = tx.rows(
                f"SELECT * FROM {self._changes} WHERE assessment_id = %s AND version > %s "
                "ORDER BY version",
                [str(assessment_id), sheet.version],
            )
            for r in later:
                sheet.apply(change_from_row(self.db, r))
            if later:
                self._dirty[assessment_id.int] = sheet
        return sheet

    def _lagging(self) -> list[UUID]:
        rows = self._writing().rows(
            f"SELECT s.assessment_id FROM {self._sheets} s JOIN (SELECT assessment_id, "
            f"MAX(version) AS version FROM {self._changes} GROUP BY assessment_id) c "
            "ON c.assessment_id = s.assessment_id WHERE c.version > s.version"
        )
        return [UUID(r["assessment_id"]) for r in rows]

    def _remember(self, sheet: Sheet) -> None:
        if len(self._cache) >= CACHE_LIMIT:
            if self._building is None:
                self._cache.clear()
            else:
                self._evict(max(1, CACHE_LIMIT // 4))
        self._cache[sheet.head.assessment_id.int] = sheet

    def _evict(self, count: int) -> None:
        """Building: write out and drop the least recently changed sheets."""
        oldest = [self._cache.pop(key) for key in list(self._cache)[:count]]
        dirty = [s for s in oldest if self._dirty.pop(s.head.assessment_id.int, None) is not None]
        self._write_sheets(dirty)

    def _write_sheets(self, sheets: list[Sheet]) -> None:
        updates = ", ".join(f"{c} = excluded.{c}" for c in SHEET_COLUMNS.split(", ")[7:])
        self._writing().run_many(
            f"INSERT INTO {self._sheets} ({SHEET_COLUMNS}) VALUES ({', '.join(['%s'] * 17)}) "
            f"ON CONFLICT (assessment_id) DO UPDATE SET {updates}",
            [
                self._sheet_params(s, summarize(self._rubric(s.head.rubric_id), s.layers))
                for s in sheets
            ],
        )

    def _empty_summary(self, rubric_id: UUID) -> Summary:
        if rubric_id not in self._empty:
            self._empty[rubric_id] = summarize(self._rubric(rubric_id), Sheet(EMPTY_HEAD).layers)
        return self._empty[rubric_id]

    def _rubric(self, rubric_id: UUID) -> Rubric:
        def load(rid: UUID) -> dict[str, Any] | None:
            return self._writing().row(
                f"SELECT * FROM {self._rubrics} WHERE rubric_id = %s", [str(rid)]
            )

        return self._parsed.get(rubric_id, load)

    def _change_params(self, c: SheetChange) -> tuple[object, ...]:
        entry = None if c.entry is None else entry_json(c.entry)
        return (
            *(id_text(c.assessment_id), c.version, c.position, self.db.time(c.at), c.actor_id),
            *(c.actor_role, c.status, c.layer, c.item, entry, c.event),
        )

    def _sheet_params(self, sheet: Sheet, summary: Summary) -> tuple[object, ...]:
        h = sheet.head
        at = None if sheet.changed_at is None else self.db.time(sheet.changed_at)
        return (
            *(id_text(h.assessment_id), id_text(h.unit_id), id_text(h.rubric_id), h.rubric_code),
            *(h.rubric_version, h.period, h.position, sheet.status, sheet.version),
            *(sheet.position, at, sheet.changed_by, sheet.changed_role, str(summary.total)),
            *(summary.result, compact(sheet.layers), compact(summary.to_json())),
        )

    def _writing(self) -> Tx:
        if self._tx is None:
            raise RuntimeError("the scores view is written only inside a batch")
        return self._tx


EMPTY_HEAD = SheetHead(UUID(int=0), UUID(int=0), UUID(int=0), "", 0, "", 0)
