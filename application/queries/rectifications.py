"""Queries on rectification items (整改台账): the ledger a caller may read, filtered by
town, period and status, with names and whether each is overdue (by China's day)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from application.authorization import Action, Authorizer, Caller, Target
from application.read_ports import ReadModels
from application.rectification_ports import RectificationRecord
from application.work_kinds import role_name
from domain.china_time import china_day
from domain.ids import unit_id
from domain.rectification import Rectification


@dataclass(frozen=True)
class LedgerFilter:
    """Which items to list: under a town (its code), of a period, in a status (all: None)."""

    town: str | None = None
    period: str | None = None
    status: str | None = None
    overdue: bool = False


@dataclass(frozen=True)
class RectificationLine:
    """One item as the ledger shows it: names, not ids (status as its stored value)."""

    id: UUID
    unit: str
    unit_name: str
    town: str
    town_name: str
    period: str
    source_kind: str
    campaign_id: UUID | None
    assessment_id: UUID | None
    problem: str
    owner: str
    deadline: date
    status: str
    overdue: bool
    version: int


class RectificationQueries:
    """Rectification items as callers read them."""

    def __init__(self, auth: Authorizer, models: ReadModels) -> None:
        self.auth = auth
        self.models = models

    def today(self) -> date:
        return china_day(self.auth.clock.now())

    def item(self, caller: Caller, rid: UUID) -> Rectification:
        """One item with its reports; read access is decided on its unit."""
        found = self.models.rectification_aggregates().get(rid)
        self.auth.actor(
            caller, Action.READ_RECTIFICATIONS, Target(f"rectification:{rid}", found.unit_id)
        )
        return found

    def exists(self, rid: UUID) -> bool:
        """Whether an item with this id was opened (beside a finding the caller read)."""
        rows = self.models.rectifications().all_rectifications()
        return any(r.rectification_id == rid for r in rows)

    def evidence(self, caller: Caller, rid: UUID, sha256: str) -> tuple[str, bytes] | None:
        """The name and content of a file a report on the item attached (None: none)."""
        found = next(
            (e for r in self.item(caller, rid).reports for e in r.evidence if e.sha256 == sha256),
            None,
        )
        if found is None:
            return None
        content = self.models.assessments().evidence_file(found.sha256)
        return None if content is None else (found.name, content)

    def line(self, caller: Caller, rid: UUID) -> RectificationLine:
        """One item as the ledger names it (its unit, town and owner)."""
        self.item(caller, rid)
        rows = self.models.rectifications().all_rectifications()
        return self._line(next(r for r in rows if r.rectification_id == rid), self.today())

    def lines(self, caller: Caller, where: LedgerFilter | None = None) -> list[RectificationLine]:
        """The items of units in the caller's subtrees, oldest first (refused: none)."""
        where = where or LedgerFilter()
        roots = self.auth.roots(caller, Action.READ_RECTIFICATIONS, "rectifications")
        tree = self.models.units()
        reach = frozenset().union(*(tree.subtree(g.unit_id) for g in roots))
        if where.town:
            reach &= tree.subtree(unit_id(where.town))
        today = self.today()
        return [
            self._line(r, today)
            for r in self.models.rectifications().all_rectifications()
            if r.unit_id in reach
            and (not where.period or r.period == where.period)
            and (not where.status or r.status == where.status)
            and (not where.overdue or r.overdue(today))
        ]

    def _line(self, r: RectificationRecord, today: date) -> RectificationLine:
        tree = self.models.units()
        unit = tree.unit(r.unit_id)
        town = tree.unit(unit.parent_id) if unit and unit.parent_id else None
        return RectificationLine(
            id=r.rectification_id,
            unit=unit.code if unit else "",
            unit_name=unit.name if unit else "",
            town=town.code if town else "",
            town_name=town.name if town else "",
            period=r.period,
            source_kind=r.source_kind,
            campaign_id=r.campaign_id,
            assessment_id=r.assessment_id,
            problem=r.problem,
            owner=self._owner(r),
            deadline=r.deadline,
            status=r.status,
            overdue=r.overdue(today),
            version=r.version,
        )

    def _owner(self, r: RectificationRecord) -> str:
        if r.owner_account is not None:
            account = self.models.accounts().account(r.owner_account)
            return account.display_name if account else ""
        return f"本单位{role_name(r.owner_role)}人员" if r.owner_role else ""
