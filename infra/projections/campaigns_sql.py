"""The campaigns view in SQL: `campaigns_v<N>`, one row per campaign."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from infra.projections.latest_rows import LatestRowsReader, LatestRowsView
from infra.projections.text import shown
from projections.campaigns import CAMPAIGNS, CampaignRow

COLUMNS = (
    "campaign_id, county_id, period, name, stage, mode, size, opened_at, closed_at, "
    "opened_position, version, position, method, frame_size, frame_hash, sampled"
)


def _campaign(row: dict[str, Any]) -> CampaignRow:
    closed = row["closed_at"]
    return CampaignRow(
        *(UUID(row["campaign_id"]), UUID(row["county_id"]), row["period"], row["name"]),
        *(row["stage"], row["mode"], int(row["size"]), datetime.fromisoformat(row["opened_at"])),
        None if closed is None else datetime.fromisoformat(closed),
        *(int(row["opened_position"]), int(row["version"]), int(row["position"])),
        method=row["method"],
        frame_size=int(row["frame_size"]),
        frame_hash=row["frame_hash"],
        sampled=int(row["sampled"]),
    )


def _params(c: CampaignRow) -> tuple[object, ...]:
    closed = None if c.closed_at is None else c.closed_at.isoformat()
    return (
        *(str(c.campaign_id), str(c.county_id), shown(c.period), shown(c.name), c.stage),
        *(c.mode, c.size, c.opened_at.isoformat(), closed, c.opened_position),
        *(c.version, c.position, c.method, c.frame_size, c.frame_hash, c.sampled),
    )


class SqlCampaignsView(LatestRowsView[CampaignRow]):
    """One row per campaign."""

    read_model, key, columns = CAMPAIGNS, "campaign_id", COLUMNS

    def to_params(self, row: CampaignRow) -> tuple[object, ...]:
        return _params(row)

    def from_row(self, row: dict[str, Any]) -> CampaignRow:
        return _campaign(row)

    def tables(self, version: int) -> list[str]:
        return [
            f"CREATE TABLE {self.table_names(version)[0]} (campaign_id TEXT PRIMARY KEY, "
            "county_id TEXT NOT NULL, period TEXT NOT NULL, name TEXT NOT NULL, "
            "stage TEXT NOT NULL, mode TEXT NOT NULL, size INTEGER NOT NULL, "
            "opened_at TEXT NOT NULL, closed_at TEXT, opened_position BIGINT NOT NULL, "
            "version INTEGER NOT NULL, position BIGINT NOT NULL, method TEXT NOT NULL, "
            "frame_size INTEGER NOT NULL, frame_hash TEXT, sampled INTEGER NOT NULL)"
        ]

    def indexes(self, version: int) -> list[str]:
        return []

    def campaign(self, campaign_id: UUID) -> CampaignRow | None:
        return self._row(campaign_id)

    def put_campaign(self, campaign: CampaignRow) -> None:
        self._put(campaign.campaign_id, campaign)


class SqlCampaignsReader(LatestRowsReader[CampaignRow]):
    """Reads the serving version of the campaigns view."""

    read_model, order = CAMPAIGNS, "opened_position"

    def from_row(self, row: dict[str, Any]) -> CampaignRow:
        return _campaign(row)

    def campaign(self, campaign_id: UUID) -> CampaignRow | None:
        found = self._rows("campaign_id = %s", [str(campaign_id)])
        return found[0] if found else None

    def all_campaigns(self) -> list[CampaignRow]:
        return self._rows("1 = 1", [])
