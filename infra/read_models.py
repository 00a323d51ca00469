"""The read ports of the application's queries, implemented over Kaohe's projections."""

from __future__ import annotations

from uuid import UUID

from infra.projections.accounts_sql import SqlAccountsReader
from infra.projections.campaigns_sql import SqlCampaignsReader
from infra.projections.registry import Projections
from projections.accounts import ACCOUNTS
from projections.campaigns import CAMPAIGNS
from projections.units import UNITS, subtree


class ProjectedUnitTree:
    """The units read model's latest hierarchy."""

    def __init__(self, projections: Projections) -> None:
        self.projections = projections

    def subtree(self, root: UUID) -> frozenset[UUID]:
        return subtree(self.projections.units(), root)


class ProjectedReadModels:
    """Accounts, campaigns and units are read current: whatever the log holds beyond the view is
    applied first (exactly once, under the view's tracking lock), so a caller reads its own
    last write at once, whether or not a projection worker runs in this process. These views
    take few events, so this costs one tracking read when nothing is new."""

    def __init__(self, projections: Projections) -> None:
        self.projections = projections

    def accounts(self) -> SqlAccountsReader:
        self.projections.catch_up([ACCOUNTS])
        return self.projections.accounts()

    def campaigns(self) -> SqlCampaignsReader:
        self.projections.catch_up([CAMPAIGNS])
        return self.projections.campaigns()

    def units(self) -> ProjectedUnitTree:
        self.projections.catch_up([UNITS])
        return ProjectedUnitTree(self.projections)
