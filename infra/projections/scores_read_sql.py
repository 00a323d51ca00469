"""Reading the scores view in SQL: the sheets as they are, or folded from the changes their
stored events make up to a log position (see `infra.projections.scores_sql` for the
tables)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from domain.rubric import Rubric
from domain.rubric_definition import rubric_from_definition
from infra.projections.catalog import ActiveVersion
from infra.projections.database import Database, Tx
from infra.projections.text import shown
from projections.scores import (
    SCORES,
    ScoreRow,
    Scores,
    SheetChange,
    SheetFilter,
    SheetHead,
    Summary,
    changes_of,
    replay,
    score_row,
)

SCORE_TABLES = ("score_sheets", "score_rubrics")
_SCORES = Scores()


def parse_rubric(definition: Mapping[str, Any], code: str, version: int) -> Rubric:
    return rubric_from_definition(definition, f"{code} v{version}")


class RubricCache:
    """Published rubrics parsed once, by id (a published version never changes, so one cache
    may serve every reading of a process, whichever version of the view it reads)."""

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


def sheet_head(row: Mapping[str, Any]) -> SheetHead:
    return SheetHead(
        UUID(row["assessment_id"]),
        UUID(row["unit_id"]),
        UUID(row["rubric_id"]),
        row["rubric_code"],
        int(row["rubric_version"]),
        row["period"],
        int(row["opened_position"]),
    )


def approval_of(row: Mapping[str, Any]) -> tuple[int | None, bool]:
    """The version of a sheet's first approval, and whether an entry changed since."""
    version = row["approved_version"]
    return (None if version is None else int(version)), bool(row["changed_since_approval"])


def stored_changes(
    db: Database,
    tx: Tx,
    assessment_ids: Iterable[UUID],
    upto: int,
    after_version: int = 0,
) -> dict[UUID, list[SheetChange]]:
    """Each assessment's changes in version order, made from its stored events up to a log
    position (and after a version) as the processor makes them; times in UTC, as the view
    stores them."""
    by_id: dict[UUID, list[SheetChange]] = {aid: [] for aid in assessment_ids}
    stored = db.events_of(tx, by_id, upto, after_version)
    decode = db.mapper.to_domain_event
    events = ((decode(n), n.id) for n in stored if _SCORES.handles(n.topic))
    for change in changes_of(_SCORES, events):
        by_id[change.assessment_id].append(change._replace(at=change.at.astimezone(UTC)))
    return by_id


class SqlScoresReader:
    """Reads the serving version: the sheets as they are, or folded from their changes up to
    a log position."""

    def __init__(self, active: ActiveVersion, parsed: RubricCache | None = None) -> None:
        self.active = active
        self.db = active.db
        self._parsed = RubricCache() if parsed is None else parsed

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
            sheets = self.db.table(SCORE_TABLES[0], version)
            rows = tx.rows(f"SELECT * FROM {sheets} {sql_where}ORDER BY assessment_id", params)
            if as_of is None:
                return [self._live(row) for row in rows]
            # A sheet unchanged since the position is its live row; only the others are folded,
            # from events the view has applied (they come before the row's position).
            moved = [sheet_head(r) for r in rows if int(r["position"]) > as_of]
            folded = {s.assessment_id: s for s in self._folded(tx, moved, as_of)}
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
            sheet_head(row),
            row["status"],
            int(row["version"]),
            int(row["position"]),
            None if row["changed_at"] is None else self.db.read_time(row["changed_at"]),
            row["changed_by"],
            row["changed_role"],
            json.loads(row["layers"]),
            Summary.from_json(json.loads(row["summary"])),
            *(self._time(row["submitted_at"]), self._time(row["reviewed_at"])),
            *approval_of(row),
        )

    def _time(self, stored: Any) -> datetime | None:
        return None if stored is None else self.db.read_time(stored)

    def histories(
        self, assessment_ids: Iterable[UUID], as_of: int | None = None
    ) -> dict[UUID, list[SheetChange]]:
        """Each assessment's changes in version order (up to a log position): those the
        serving version has applied."""
        ids = list(assessment_ids)

        def query(tx: Tx, version: int) -> dict[UUID, list[SheetChange]]:
            row = tx.row(
                f"SELECT position FROM {self.active.catalog.tracking_table} "
                "WHERE name = %s AND version = %s",
                [SCORES, version],
            )
            applied = 0 if row is None else int(row["position"])
            upto = applied if as_of is None else min(as_of, applied)
            return stored_changes(self.db, tx, ids, upto)

        return self.active.read(query)

    def _folded(self, tx: Tx, heads: list[SheetHead], as_of: int) -> list[ScoreRow]:
        by_id = stored_changes(self.db, tx, (h.assessment_id for h in heads), as_of)
        return [
            score_row(replay(h, by_id[h.assessment_id]), self.rubric(h.rubric_id)) for h in heads
        ]


def _conditions(where: SheetFilter) -> tuple[list[str] | None, list[object]]:
    """SQL conditions and parameters of a filter; None when it can match nothing."""
    conditions: list[str] = []
    params: list[object] = []
    for column, value in (("period", where.period), ("rubric_code", where.rubric_code)):
        if value is not None:
            conditions.append(f"{column} = %s")
            params.append(shown(value))
    for column, values in (
        ("unit_id", where.unit_ids),
        ("period", where.periods),
        ("assessment_id", where.assessment_ids),
    ):
        if values is not None:
            if not values:
                return None, []
            conditions.append(f"{column} IN ({', '.join(['%s'] * len(values))})")
            params.extend(sorted(shown(str(v)) for v in values))
    return conditions, params
