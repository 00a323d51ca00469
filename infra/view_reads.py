"""The view ports of the application's queries: the scores view, the audit trail, the tables."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from uuid import UUID

from application.view_ports import TableAsk, TrailAsk
from domain.rubric import Rubric
from infra.export_stamp import pinned_position
from infra.projections.registry import Projections
from infra.projections.tables import TableRequest, read_tables
from projections.audit_trail import AuditPage, AuditQuery
from projections.scores import ScoreRow, SheetChange, SheetFilter
from projections.tables import Table


class ProjectedScores:
    """The scores view."""

    def __init__(self, projections: Projections) -> None:
        self.projections = projections

    def sheet(self, aid: UUID, as_of: int | None = None) -> ScoreRow | None:
        return self.projections.scores().sheet(aid, as_of=as_of)

    def sheets(
        self,
        unit_ids: frozenset[UUID],
        period: str | None = None,
        rubric_code: str | None = None,
        as_of: int | None = None,
    ) -> list[ScoreRow]:
        where = SheetFilter(unit_ids=unit_ids, period=period, rubric_code=rubric_code)
        return self.projections.scores().sheets(where, as_of=as_of)

    def histories(self, aids: Iterable[UUID]) -> dict[UUID, list[SheetChange]]:
        return self.projections.scores().histories(aids)

    def rubric(self, rid: UUID) -> Rubric:
        return self.projections.scores().rubric(rid)

    def rubrics(self) -> list[Rubric]:
        return self.projections.scores().rubrics()


class ProjectedTrail:
    """The audit trail view."""

    def __init__(self, projections: Projections) -> None:
        self.projections = projections

    def page(self, ask: TrailAsk) -> AuditPage:
        return self.projections.audit_trail(
            AuditQuery(
                *(ask.assessment_id, ask.item, ask.actor_id, ask.unit_id, None),
                *(ask.since, ask.until, ask.as_of, ask.before, ask.limit),
            )
        )


class ProjectedTables:
    """The tables, computed from the units and scores views (and the trail, for its table)."""

    def __init__(self, projections: Projections) -> None:
        self.projections = projections

    def tables(self, ask: TableAsk) -> list[Table]:
        request = TableRequest(ask.name, ask.unit, ask.period, ask.as_of, ask.today)
        self.projections.ensure()
        return read_tables(self.projections, request, ask.position)

    def pinned(self, as_of: datetime | None) -> int:
        self.projections.ensure()
        return pinned_position(self.projections, as_of)
