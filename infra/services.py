"""What a process serves with: the application, its read models, the bus and the queries."""

from __future__ import annotations

from dataclasses import dataclass

from application.bus import Bus
from application.service import Kaohe
from infra.auth_tokens import AuthTables
from infra.export_stamp import Stamper
from infra.ledger import LedgerReport, verify_ledger
from infra.login_throttle import LoginThrottle
from infra.persistence.reachability import RETRY_AFTER as RETRY_AFTER
from infra.persistence.reachability import STORE_DOWN as STORE_DOWN
from infra.persistence.reachability import drop_broken_connections
from infra.projections.registry import Projections
from infra.read_models import ProjectedQueries


@dataclass(frozen=True)
class Services:
    """Built once by `infra.bootstrap.build`: callers send commands to `bus` and read
    through `queries`; set-up code (demo, imports, fixtures) uses `kaohe.setup`."""

    kaohe: Kaohe
    projections: Projections
    bus: Bus
    queries: ProjectedQueries
    auth_tables: AuthTables
    login_throttle: LoginThrottle
    stamper: Stamper

    def verify_ledger(self) -> LedgerReport:
        """Every stored event's hash chain recomputed, each break named."""
        return verify_ledger(self.kaohe.store)

    def drop_broken_connections(self) -> None:
        """After the store could not be reached, replace its broken pooled connections."""
        drop_broken_connections(self.kaohe.store)
