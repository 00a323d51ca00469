"""The rectifications view in SQL: `rectifications_v<N>`, one row per item."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from infra.projections.latest_rows import LatestRowsReader, LatestRowsView
from infra.projections.text import shown
from projections.rectifications import RECTIFICATIONS, RectificationRow

COLUMNS = (
    "rectification_id, unit_id, period, source_kind, campaign_id, assessment_id, signal_id, "
    "problem, owner_account, owner_role, deadline, status, opened_at, reported_at, closed_at, "
    "opened_position, version, position"
)


def _uuid(value: str | None) -> UUID | None:
    return None if value is None else UUID(value)


def _moment(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _text(value: object | None) -> str | None:
    return None if value is None else str(value)


def _row(row: dict[str, Any]) -> RectificationRow:
    return RectificationRow(
        rectification_id=UUID(row["rectification_id"]),
        unit_id=UUID(row["unit_id"]),
        period=row["period"],
        source_kind=row["source_kind"],
        campaign_id=_uuid(row["campaign_id"]),
        assessment_id=_uuid(row["assessment_id"]),
        signal_id=row["signal_id"],
        problem=row["problem"],
        owner_account=_uuid(row["owner_account"]),
        owner_role=row["owner_role"],
        deadline=date.fromisoformat(row["deadline"]),
        status=row["status"],
        opened_at=datetime.fromisoformat(row["opened_at"]),
        reported_at=_moment(row["reported_at"]),
        closed_at=_moment(row["closed_at"]),
        opened_position=int(row["opened_position"]),
        version=int(row["version"]),
        position=int(row["position"]),
    )


def _params(r: RectificationRow) -> tuple[object, ...]:
    return (
        *(str(r.rectification_id), str(r.unit_id), shown(r.period), r.source_kind),
        *(_text(r.campaign_id), _text(r.assessment_id), r.signal_id, shown(r.problem)),
        *(_text(r.owner_account), r.owner_role, r.deadline.isoformat(), r.status),
        *(r.opened_at.isoformat(), _text(r.reported_at and r.reported_at.isoformat())),
        *(_text(r.closed_at and r.closed_at.isoformat()), r.opened_position),
        *(r.version, r.position),
    )


class SqlRectificationsView(LatestRowsView[RectificationRow]):
    """One row per rectification item."""

    read_model, key, columns = RECTIFICATIONS, "rectification_id", COLUMNS

    def to_params(self, row: RectificationRow) -> tuple[object, ...]:
        return _params(row)

    def from_row(self, row: dict[str, Any]) -> RectificationRow:
        return _row(row)

    def tables(self, version: int) -> list[str]:
        return [
            f"CREATE TABLE {self.table_names(version)[0]} (rectification_id TEXT PRIMARY KEY, "
            "unit_id TEXT NOT NULL, period TEXT NOT NULL, source_kind TEXT NOT NULL, "
            "campaign_id TEXT, assessment_id TEXT, signal_id TEXT, problem TEXT NOT NULL, "
            "owner_account TEXT, owner_role TEXT, deadline TEXT NOT NULL, "
            "status TEXT NOT NULL, opened_at TEXT NOT NULL, reported_at TEXT, closed_at TEXT, "
            "opened_position BIGINT NOT NULL, version INTEGER NOT NULL, "
            "position BIGINT NOT NULL)"
        ]

    def indexes(self, version: int) -> list[str]:
        return []

    def rectification(self, rectification_id: UUID) -> RectificationRow | None:
        return self._row(rectification_id)

    def put_rectification(self, row: RectificationRow) -> None:
        self._put(row.rectification_id, row)


class SqlRectificationsReader(LatestRowsReader[RectificationRow]):
    """Reads the serving version of the rectifications view."""

    read_model, order = RECTIFICATIONS, "opened_position"

    def from_row(self, row: dict[str, Any]) -> RectificationRow:
        return _row(row)

    def all_rectifications(self) -> list[RectificationRow]:
        return self._rows("1 = 1", [])
