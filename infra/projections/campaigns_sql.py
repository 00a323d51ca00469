"""The campaigns view in SQL: `campaigns_v<N>`, one row per campaign."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from infra.projections.catalog import ActiveVersion
from infra.projections.database import Database, Tx
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


class SqlCampaignsView:
    """A batch's rows are written together when it is flushed (each campaign's row once, as
    it stands at the end of the batch); nothing is cached between batches."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self._tx: Tx | None = None
        self._table = ""
        self._latest: dict[UUID, CampaignRow] = {}

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

    def table_names(self, version: int) -> list[str]:
        return [self.db.table(CAMPAIGNS, version)]

    def begin(self, tx: Tx, version: int) -> None:
        self.forget()
        self._tx = tx
        self._table = self.table_names(version)[0]

    def flush(self) -> None:
        tx = self._writing()
        updates = ", ".join(f"{c} = excluded.{c}" for c in COLUMNS.split(", ")[1:])
        tx.run_many(
            f"INSERT INTO {self._table} ({COLUMNS}) VALUES ({', '.join(['%s'] * 16)}) "
            f"ON CONFLICT (campaign_id) DO UPDATE SET {updates}",
            [_params(c) for c in self._latest.values()],
        )
        self.forget()

    def forget(self) -> None:
        self._tx = None
        self._latest.clear()

    def building(self, version: int | None, fresh: bool = True) -> None:
        """Nothing to defer beyond the batch: campaigns are few."""

    def settle(self, tx: Tx) -> None:
        """Nothing was deferred."""

    def campaign(self, campaign_id: UUID) -> CampaignRow | None:
        if campaign_id in self._latest:
            return self._latest[campaign_id]
        statement = f"SELECT * FROM {self._table} WHERE campaign_id = %s"
        row = self._writing().row(statement, [str(campaign_id)])
        return None if row is None else _campaign(row)

    def put_campaign(self, campaign: CampaignRow) -> None:
        self._writing()
        self._latest[campaign.campaign_id] = campaign

    def _writing(self) -> Tx:
        if self._tx is None:
            raise RuntimeError("the campaigns view is written only inside a batch")
        return self._tx


class SqlCampaignsReader:
    """Reads the serving version of the campaigns view."""

    def __init__(self, active: ActiveVersion) -> None:
        self.active = active

    def campaign(self, campaign_id: UUID) -> CampaignRow | None:
        found = self._campaigns("campaign_id = %s", [str(campaign_id)])
        return found[0] if found else None

    def all_campaigns(self) -> list[CampaignRow]:
        return self._campaigns("1 = 1", [])

    def _campaigns(self, condition: str, params: list[object]) -> list[CampaignRow]:
        def query(tx: Tx, version: int) -> list[CampaignRow]:
            table = self.active.db.table(CAMPAIGNS, version)
            statement = f"SELECT * FROM {table} WHERE {condition} ORDER BY opened_position"
            return [_campaign(r) for r in tx.rows(statement, params)]

        return self.active.read(query)
