"""The scores view in SQL: `score_sheets_v<N>` (one row per assessment, with its entries and
score) and `score_rubrics_v<N>` (the published definitions the scores are computed with). An
assessment's history is its stored events: as-of readings fold the changes they make."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.canonical import canonical_json
from domain.rubric import Rubric
from infra.projections.database import Database, Tx, id_text
from infra.projections.scores_read_sql import SCORE_TABLES as SCORE_TABLES
from infra.projections.scores_read_sql import (
    RubricCache,
    approval_of,
    sheet_head,
    stored_changes,
)
from infra.projections.scores_read_sql import SqlScoresReader as SqlScoresReader
from infra.projections.text import shown
from projections.scores import (
    SCORES,
    PublishedRubric,
    Sheet,
    SheetChange,
    SheetHead,
    Summary,
    summarize,
)

SHEET_COLUMNS = (
    "assessment_id, unit_id, rubric_id, rubric_code, rubric_version, period, opened_position, "
    "status, version, position, changed_at, changed_by, changed_role, total, result, layers, "
    "summary, submitted_at, reviewed_at, approved_version, changed_since_approval"
)
SHEET_PLACES = ", ".join(["%s"] * len(SHEET_COLUMNS.split(", ")))
LEGACY_TABLES = ("score_changes",)
"""Tables that versions made by earlier code may have: dropped with their version."""
CACHE_LIMIT = 2_000
"""Sheets kept in memory between batches: a whole sheet of entries takes tens of kilobytes.
Serving, all are dropped when the limit is reached; building, the least recently changed
quarter is written out and dropped."""

WRITE_CHUNK = 100
"""Sheets scored and written per statement."""

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

    While a version is being built, a changed sheet is scored and written only when it
    leaves the cache or the build settles (once per build, not once per batch). A sheet's
    row is written when it is opened, so that a build resumed after a crash finds every
    sheet; a resumed build brings the rows that lag behind the events it has applied up to
    date, from the stored events, when it settles."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._tx: Tx | None = None
        self._sheets = self._rubrics = ""
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
        sheets, rubrics = self.table_names(version)[:2]
        t = self.db.time_type
        return [
            f"CREATE TABLE {sheets} (assessment_id TEXT PRIMARY KEY, unit_id TEXT NOT NULL, "
            "rubric_id TEXT NOT NULL, rubric_code TEXT NOT NULL, rubric_version INTEGER NOT NULL, "
            "period TEXT NOT NULL, opened_position BIGINT NOT NULL, status TEXT NOT NULL, "
            f"version INTEGER NOT NULL, position BIGINT NOT NULL, changed_at {t}, "
            "changed_by TEXT NOT NULL, changed_role TEXT NOT NULL, total TEXT NOT NULL, "
            "result TEXT NOT NULL, layers TEXT NOT NULL, summary TEXT NOT NULL, "
            f"submitted_at {t}, reviewed_at {t}, approved_version INTEGER, "
            "changed_since_approval INTEGER NOT NULL)",
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
        return [self.db.table(name, version) for name in SCORE_TABLES + LEGACY_TABLES]

    def begin(self, tx: Tx, version: int) -> None:
        self._tx = tx
        self._sheets, self._rubrics = self.table_names(version)[:2]
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
            applied = self._applied(self._building)
            for aid in self._lagging(applied):
                self._load(aid, applied)
            self._complete = True
        self._write_sheets(list(self._dirty.values()))
        self._dirty.clear()
        self._tx = None

    def add_rubric(self, rubric: PublishedRubric) -> None:
        self._writing().run(
            # A published rubric never changes: every process of a parallel rebuild adds it.
            f"INSERT INTO {self._rubrics} (rubric_id, code, version, definition) "
            "VALUES (%s, %s, %s, %s) ON CONFLICT (rubric_id) DO NOTHING",
            (str(rubric.rubric_id), shown(rubric.code), rubric.version, dumps(rubric.definition)),
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
        sheet = (
            self._dirty.get(key)
            or self._cache.get(key)
            or self._load(change.assessment_id, change.position - 1)
        )
        self._apply(sheet, change)

    def flush(self) -> None:
        tx = self._writing()
        if self._building is None:
            self._write_sheets(list(self._dirty.values()))
            self._dirty.clear()
        else:
            # A sheet written when it left the cache, in this batch, is newer: keep it.
            tx.run_many(
                f"INSERT INTO {self._sheets} ({SHEET_COLUMNS}) VALUES ({SHEET_PLACES}) "
                "ON CONFLICT (assessment_id) DO NOTHING",
                self._opened,
            )
        self._opened.clear()
        self._tx = None

    def forget(self) -> None:
        if self._dirty and self._building is not None:
            self._complete = False
        self._opened.clear()
        self._dirty.clear()
        self._cache.clear()
        self._tx = None

    def _apply(self, sheet: Sheet, change: SheetChange) -> None:
        sheet.apply(change)
        key = change.assessment_id.int
        self._dirty[key] = sheet
        if self._building is not None:  # most recently changed last
            self._cache[key] = self._cache.pop(key, sheet)

    def _load(self, assessment_id: UUID, applied: int) -> Sheet:
        """A sheet from its row; while resuming a build, with the events up to `applied` (the
        log position the build has applied) that the row lags behind."""
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
            self._read_time(row["submitted_at"]),
            self._read_time(row["reviewed_at"]),
            *approval_of(row),
        )
        self._remember(sheet)
        if self._building is not None and not self._complete:
            # The row may lag behind changes whose sheet was lost from memory.
            later = stored_changes(self.db, tx, [assessment_id], applied, sheet.version)
            for change in later[assessment_id]:
                sheet.apply(change)
            if later[assessment_id]:
                self._dirty[assessment_id.int] = sheet
        return sheet

    def _applied(self, version: int) -> int:
        row = self._writing().row(
            f"SELECT position FROM {self.db.table('projection_tracking')} "
            "WHERE name = %s AND version = %s",
            [SCORES, version],
        )
        return 0 if row is None else int(row["position"])

    def _lagging(self, applied: int) -> list[UUID]:
        """Sheets whose row lags behind the events the build has applied."""
        rows = self._writing().rows(
            f"SELECT s.assessment_id FROM {self._sheets} s WHERE EXISTS (SELECT 1 FROM "
            f"{self.db.events_table} e WHERE e.originator_id = "
            f"{self.db.event_id_of('s.assessment_id')} AND e.originator_version > s.version "
            f"AND e.{self.db.position_column} <= %s)",
            [applied],
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
        # Scored and sent a few at a time: the transaction is never idle for long while
        # thousands are scored (the store ends a transaction idle for seconds).
        for start in range(0, len(sheets), WRITE_CHUNK):
            self._writing().run_many(
                f"INSERT INTO {self._sheets} ({SHEET_COLUMNS}) "
                f"VALUES ({SHEET_PLACES}) "
                f"ON CONFLICT (assessment_id) DO UPDATE SET {updates}",
                [
                    self._sheet_params(s, summarize(self._rubric(s.head.rubric_id), s.layers))
                    for s in sheets[start : start + WRITE_CHUNK]
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

    def _sheet_params(self, sheet: Sheet, summary: Summary) -> tuple[object, ...]:
        h = sheet.head
        at = None if sheet.changed_at is None else self.db.time(sheet.changed_at)
        # Entries keep their text exactly, NUL included, escaped in their JSON.
        return (
            *(id_text(h.assessment_id), id_text(h.unit_id), id_text(h.rubric_id)),
            *(shown(h.rubric_code), h.rubric_version, shown(h.period), h.position, sheet.status),
            *(sheet.version, sheet.position, at, shown(sheet.changed_by), sheet.changed_role),
            str(summary.total),
            *(summary.result, compact(sheet.layers), compact(summary.to_json())),
            *(self._time(sheet.submitted_at), self._time(sheet.reviewed_at)),
            *(sheet.approved_version, int(sheet.changed_since_approval)),
        )

    def _time(self, moment: datetime | None) -> object:
        return None if moment is None else self.db.time(moment)

    def _read_time(self, stored: Any) -> datetime | None:
        return None if stored is None else self.db.read_time(stored)

    def _writing(self) -> Tx:
        if self._tx is None:
            raise RuntimeError("the scores view is written only inside a batch")
        return self._tx


EMPTY_HEAD = SheetHead(UUID(int=0), UUID(int=0), UUID(int=0), "", 0, "", 0)
