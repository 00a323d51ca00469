"""Queries on the audit trail: how far a caller's page of it may reach."""

from __future__ import annotations

from uuid import UUID

from application.authorization import Action, Authorizer, Caller, Target
from application.queries.assessments import AssessmentQueries
from application.read_ports import ReadModels
from domain.ids import unit_id


class AuditQueries:
    """The audit trail's reach for a caller: one assessment, one unit's subtree, or all."""

    def __init__(self, auth: Authorizer, models: ReadModels) -> None:
        self.auth = auth
        self.models = models
        self.assessments = AssessmentQueries(auth, models)

    def scope(
        self, caller: Caller, assessment: UUID | None = None, unit: str | None = None
    ) -> UUID | None:
        """The unit whose subtree the page is limited to; None: the whole trail (of one
        assessment the caller may read, or for callers granted over a top unit of the
        hierarchy, where refusals, which concern no unit, show)."""
        if assessment is not None:
            self.assessments.sheet(caller, assessment)
            return None
        if unit is not None:
            self.auth.actor(caller, Action.READ_AUDIT, Target(f"unit:{unit}", unit_id(unit)))
            return unit_id(unit)
        roots = [g.unit_id for g in self.auth.roots(caller, Action.READ_AUDIT, "audit")]
        units = self.models.unit_aggregates()
        if any(units.by_id(root).parent_id is None for root in roots):
            return None
        return roots[0]
