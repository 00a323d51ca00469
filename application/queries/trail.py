"""Queries on the audit trail's rows: pages of it within the reach a caller was granted."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Generic, TypeVar
from uuid import UUID

from application.authorization import Authorizer, Caller
from application.queries.audit import AuditQueries
from application.read_ports import ReadModels
from application.view_ports import SheetRecord, TrailAsk, ViewReads
from domain.assessment import Assessment

P = TypeVar("P")


@dataclass(frozen=True)
class TrailReach:
    """How far a caller's pages of the trail reach, as `TrailQueries.reach` decided: one
    assessment, one unit's subtree, or (both None) everything."""

    unit_id: UUID | None
    assessment_id: UUID | None = None


class TrailQueries(Generic[P]):
    """Pages of the audit trail, newest first."""

    def __init__(
        self,
        auth: Authorizer,
        models: ReadModels,
        views: ViewReads[SheetRecord, object, P, object],
    ) -> None:
        self.audit = AuditQueries(auth, models)
        self.views = views

    def reach(
        self, caller: Caller, assessment: UUID | None = None, unit: str | None = None
    ) -> TrailReach:
        """The caller's reach: the assessment asked for, a unit's subtree (a code), or all it
        may read (refused, and recorded, when it may read none of it)."""
        return TrailReach(self.audit.scope(caller, assessment, unit), assessment)

    def page(self, reach: TrailReach, ask: TrailAsk) -> P:
        """A page of the trail within a reach the caller was granted."""
        assessment = reach.assessment_id or ask.assessment_id
        return self.views.trail().page(
            replace(ask, unit_id=reach.unit_id, assessment_id=assessment)
        )

    def of_sheet(self, assessment: Assessment, before: int | None, limit: int) -> P:
        """A page of the trail of a sheet the caller read."""
        ask = TrailAsk(assessment_id=assessment.id, before=before, limit=limit)
        return self.views.trail().page(ask)
