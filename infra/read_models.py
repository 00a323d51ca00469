"""The read ports of the application's queries, over Kaohe's projections and its event store."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from uuid import UUID

from application.accounts import AccountService
from application.campaigns import CampaignService
from application.queries.reads import Queries
from application.read_ports import StoredChange
from application.service import Kaohe
from domain.assessment import Assessment
from domain.rectification import Rectification
from domain.rubric import Rubric
from domain.rubric_version import RubricVersion
from domain.signal_register import SignalRegister, register_id
from domain.unit import Unit
from infra.projections.accounts_sql import SqlAccountsReader
from infra.projections.campaigns_sql import SqlCampaignsReader
from infra.projections.rectifications_sql import SqlRectificationsReader
from infra.projections.registry import Projections
from infra.spot_check_reads import ProjectedSpotChecks
from infra.view_reads import ProjectedScores, ProjectedTables, ProjectedTrail
from projections.accounts import ACCOUNTS
from projections.audit_trail import AuditPage
from projections.campaigns import CAMPAIGNS
from projections.rectifications import RECTIFICATIONS
from projections.scores import ScoreRow, SheetChange
from projections.tables import Table
from projections.units import FOREVER, UNITS, UnitRow, subtree


class ProjectedUnitTree:
    """The units read model's latest hierarchy."""

    def __init__(self, projections: Projections) -> None:
        self.projections = projections

    def subtree(self, root: UUID, on: date | None = None) -> frozenset[UUID]:
        return subtree(self.projections.units(), root, on)

    def ever_under(self, root: UUID) -> frozenset[UUID]:
        units = self.projections.units()
        days = [None, *(date.fromisoformat(d) for d in units.move_days())]
        # The day before each move too: the hierarchy it ended.
        days += [d - timedelta(days=1) for d in days if d is not None]
        return frozenset().union(*(subtree(units, root, d) for d in days))

    def unit(self, unit_id: UUID) -> UnitRow | None:
        return self.projections.units().unit(unit_id)

    def children(self) -> Mapping[UUID, Sequence[UUID]]:
        found: dict[UUID, list[UUID]] = {}
        for child, parent in self.projections.units().parents_on(FOREVER).items():
            if parent is not None:
                found.setdefault(parent, []).append(child)
        return found


class StoredUnits:
    """Units replayed from the event store."""

    def __init__(self, kaohe: Kaohe) -> None:
        self.kaohe = kaohe

    def by_code(self, code: str) -> Unit:
        return self.kaohe.units.get(code)

    def by_id(self, unit_id: UUID, version: int | None = None) -> Unit:
        if version is None:
            return self.kaohe.units.get_by_id(unit_id)
        return self.kaohe.runner.load_at(Unit, unit_id, "unit", version)


class StoredRectifications:
    """Rectification items replayed from the event store."""

    def __init__(self, kaohe: Kaohe) -> None:
        self.kaohe = kaohe

    def get(self, rid: UUID) -> Rectification:
        return self.kaohe.runner.load(Rectification, rid, f"rectification {rid}")


class StoredAssessments:
    """Assessments replayed from the event store (a sheet as of any moment needs its events)."""

    def __init__(self, kaohe: Kaohe) -> None:
        self.kaohe = kaohe

    def exists(self, aid: UUID) -> bool:
        return self.kaohe.assessments.exists(aid)

    def assessment(
        self, aid: UUID, version: int | None = None, as_of: datetime | None = None
    ) -> Assessment:
        return self.kaohe.assessments.get(aid, version=version, as_of=as_of)

    def rubric_of(self, assessment: Assessment) -> Rubric:
        return self.kaohe.assessments.rubric_of(assessment)

    def evidence_file(self, sha256: str) -> bytes | None:
        return self.kaohe.assessments.files.get(sha256)


class StoredRubrics:
    """The scores view's list of published versions; each version from the log."""

    def __init__(self, projections: Projections, kaohe: Kaohe) -> None:
        self.projections = projections
        self.kaohe = kaohe

    def published(self) -> Sequence[Rubric]:
        return self.projections.scores().rubrics()

    def version(self, rid: UUID, version: int | None = None) -> RubricVersion:
        return self.kaohe.runner.load_at(RubricVersion, rid, f"rubric version {rid}", version)

    def by_code(self, code: str, version: int) -> RubricVersion:
        return self.kaohe.rubrics.find(code, version)

    def find(self, rid: UUID) -> RubricVersion | None:
        return self.kaohe.runner.find(RubricVersion, rid)

    def rubric(self, rid: UUID) -> Rubric:
        return self.kaohe.rubrics.rubric(rid)


class StoredSignalRegisters:
    """Registers of recorded risk signals, replayed from the store."""

    def __init__(self, kaohe: Kaohe) -> None:
        self.kaohe = kaohe

    def find(self, county_id: UUID, period: str) -> SignalRegister | None:
        return self.kaohe.runner.find(SignalRegister, register_id(county_id, period))


class StoredLog:
    """The events as stored, the timestamp index written beside them, and how far the
    projections have applied them."""

    def __init__(self, kaohe: Kaohe, projections: Projections) -> None:
        self.kaohe = kaohe
        self.projections = projections

    def history(self, aggregate_id: UUID) -> Sequence[StoredChange]:
        return self.kaohe.history(aggregate_id)

    def position_at(self, at: datetime) -> int | None:
        return self.kaohe.store.history.position_at(at)

    def head(self) -> int:
        return self.kaohe.store.history.max_position()

    def wait_for(self, position: int) -> None:
        self.projections.wait_for(position)


class ProjectedReadModels:
    """Accounts, campaigns and units are read current: whatever the log holds beyond the view is
    applied first (exactly once, under the view's tracking lock), so a caller reads its own
    last write at once, whether or not a projection worker runs in this process. These views
    take few events, so this costs one tracking read when nothing is new, once per request."""

    def __init__(self, projections: Projections, kaohe: Kaohe) -> None:
        self.projections = projections
        self.kaohe = kaohe

    def accounts(self) -> SqlAccountsReader:
        self.projections.catch_up_once(ACCOUNTS)
        return self.projections.accounts()

    def campaigns(self) -> SqlCampaignsReader:
        self.projections.catch_up_once(CAMPAIGNS)
        return self.projections.campaigns()

    def campaign_aggregates(self) -> CampaignService:
        return self.kaohe.campaigns

    def rectifications(self) -> SqlRectificationsReader:
        self.projections.catch_up_once(RECTIFICATIONS)
        return self.projections.rectifications()

    def rectification_aggregates(self) -> StoredRectifications:
        return StoredRectifications(self.kaohe)

    def signal_registers(self) -> StoredSignalRegisters:
        return StoredSignalRegisters(self.kaohe)

    def logins(self) -> AccountService:
        return self.kaohe.accounts

    def units(self) -> ProjectedUnitTree:
        self.projections.catch_up_once(UNITS)
        return ProjectedUnitTree(self.projections)

    def unit_aggregates(self) -> StoredUnits:
        return StoredUnits(self.kaohe)

    def assessments(self) -> StoredAssessments:
        return StoredAssessments(self.kaohe)

    def rubrics(self) -> StoredRubrics:
        return StoredRubrics(self.projections, self.kaohe)

    def log(self) -> StoredLog:
        return StoredLog(self.kaohe, self.projections)

    def scores(self) -> ProjectedScores:
        return ProjectedScores(self.projections)

    def trail(self) -> ProjectedTrail:
        return ProjectedTrail(self.projections)

    def tables(self) -> ProjectedTables:
        return ProjectedTables(self.projections)

    def spot_checks(self) -> ProjectedSpotChecks:
        return ProjectedSpotChecks(self.projections)


ProjectedQueries = Queries[ScoreRow, SheetChange, AuditPage, Table]
"""The application's queries over these read models and views."""
