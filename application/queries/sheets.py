"""Queries on the scores view: the sheet lists of the home, review and report pages, a sheet's
row and its changes, and the published rubrics sheets are opened against."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Generic, TypeVar
from uuid import UUID

from application.authorization import Action, Authorizer, Caller, Target
from application.errors import NotFoundError
from application.read_ports import ReadModels
from application.view_ports import ScoresRead, SheetRecord, ViewReads
from domain.assessment import Assessment
from domain.period_days import hierarchy_day
from domain.rubric import Rubric

S = TypeVar("S", bound=SheetRecord)
C = TypeVar("C")


class SheetQueries(Generic[S, C]):
    """Sheets' rows as callers read them: a grant over the assessed unit's subtree is needed."""

    def __init__(
        self, auth: Authorizer, models: ReadModels, views: ViewReads[S, C, object, object]
    ) -> None:
        self.auth = auth
        self.models = models
        self.views = views

    def _scores(self) -> ScoresRead[S, C]:
        return self.views.scores()

    def under(
        self,
        roots: Sequence[UUID],
        strictly: bool = False,
        period: str | None = None,
        rubric_code: str | None = None,
        as_of: int | None = None,
    ) -> list[S]:
        """The sheets of the units in the subtrees a reach check granted the caller
        (`strictly`: below the roots, not of them), of a period and rubric when given,
        now or at a log position. Each sheet is placed by the hierarchy of its period's
        last day, as access and the tables place it: a village that moved to another town
        leaves its earlier sheets with the town it belonged to then."""
        tree = self.models.units()
        kept = frozenset(roots) if strictly else frozenset()

        def reach(on: date | None) -> frozenset[UUID]:
            return frozenset().union(*(tree.subtree(root, on) for root in roots)) - kept

        if period is not None:
            day = hierarchy_day(period)
            within = reach(day)
            return list(self._scores().sheets(within, period, rubric_code, as_of)) if within else []
        candidates = frozenset().union(*(tree.ever_under(root) for root in roots)) - kept
        if not candidates:
            return []
        rows = self._scores().sheets(candidates, None, rubric_code, as_of)
        reaches: dict[str, frozenset[UUID]] = {}
        found = []
        for row in rows:
            held = row.head.period
            if held not in reaches:
                reaches[held] = reach(hierarchy_day(held))
            if row.head.unit_id in reaches[held]:
                found.append(row)
        return found

    def row(self, caller: Caller, aid: UUID) -> S | None:
        """A sheet's row now (None: the view does not hold it), if the caller may read it."""
        found = self._scores().sheet(aid)
        if found is not None:
            head = found.head
            target = Target(f"assessment:{aid}", head.unit_id, hierarchy_day(head.period))
            self.auth.actor(caller, Action.READ_ASSESSMENTS, target)
        return found

    def row_of(self, assessment: Assessment, as_of: int | None = None) -> S:
        """The row of a sheet the caller read, now or at a log position."""
        found = self._scores().sheet(assessment.id, as_of)
        if found is None:
            at = "" if as_of is None else f" at log position {as_of}"
            raise NotFoundError(f"assessment {assessment.id} has no sheet{at}")
        return found

    def changes_of(self, rows: Sequence[S]) -> Mapping[UUID, Sequence[C]]:
        """The changes of sheets whose rows the caller read, each in version order."""
        return self._scores().histories([r.assessment_id for r in rows])

    def changes(self, assessment: Assessment) -> Sequence[C]:
        """The changes of a sheet the caller read, in version order."""
        return self._scores().histories([assessment.id]).get(assessment.id, [])

    def rubric_of_sheet(self, aid: UUID) -> Rubric:
        """The rubric version a sheet is scored against (what a form about it is read
        with, before its command is authorized); published rubrics hold nothing secret."""
        found = self._scores().sheet(aid)
        if found is None:
            raise NotFoundError(f"assessment {aid} not found")
        return self.rubric(found.head.rubric_id)

    def rubric(self, rid: UUID) -> Rubric:
        """A published rubric version by id; published rubrics hold nothing secret."""
        return self._scores().rubric(rid)

    def rubrics(self) -> list[Rubric]:
        """Every published rubric version, the ones sheets are opened against."""
        return list(self._scores().rubrics())
