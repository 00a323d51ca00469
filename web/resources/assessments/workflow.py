"""The workflow steps: submit, return, approve, assign sections, extend the window, record a
finding, finalize, reopen."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView

from application.commands.assessments import (
    Approve,
    AssignSections,
    ExtendWindow,
    Finalize,
    RecordFinding,
    Reopen,
    ReturnAssessment,
    Submit,
)
from application.consequences import Consequence, Deduct, Veto
from web.context import handle
from web.resources.assessments.blueprint import answer, blp
from web.resources.assessments.schemas import (
    AssessmentSchema,
    AssignSchema,
    ExtendSchema,
    ReturnSchema,
)
from web.resources.campaigns.schemas import FindingSchema
from web.resources.common import WRITE, ReasonSchema


@blp.route("/<uuid:aid>/submit")
class SubmitViews(MethodView):
    @blp.doc(**WRITE)
    @blp.response(200, AssessmentSchema)
    def post(self, aid: UUID) -> Any:
        """Submit the self-scored sheet for review (station staff)."""
        return answer(handle(Submit(assessment_id=aid)))


@blp.route("/<uuid:aid>/return")
class ReturnViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(ReturnSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, command: ReturnAssessment, aid: UUID) -> Any:
        """Return the sheet to its unit with a reason, naming the items to redo (towns)."""
        return answer(handle(command))


@blp.route("/<uuid:aid>/approve")
class ApproveViews(MethodView):
    @blp.doc(**WRITE)
    @blp.response(200, AssessmentSchema)
    def post(self, aid: UUID) -> Any:
        """Approve a submitted sheet (towns; never your own submission)."""
        return answer(handle(Approve(assessment_id=aid)))


@blp.route("/<uuid:aid>/sections")
class SectionViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(AssignSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, command: AssignSections, aid: UUID) -> Any:
        """Assign top sections of the sheet to one inspector of the group (its leader, the
        account that opened it); once any is assigned, inspectors score only their own."""
        return answer(handle(command))


@blp.route("/<uuid:aid>/extend")
class ExtendViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(ExtendSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, command: ExtendWindow, aid: UUID) -> Any:
        """Extend the sheet's window to a later last day, with a reason (延长期限; the body
        that opens the period's sheets)."""
        return answer(handle(command))


@blp.route("/<uuid:aid>/findings")
class FindingViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(FindingSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, body: dict[str, Any], aid: UUID) -> Any:
        """Record a spot-check finding (counties); a falsification names items and evidence,
        and its consequence (a deduction line or a veto condition) is applied with it."""
        command = RecordFinding(
            assessment_id=aid,
            finding=body["finding"],
            items=tuple(body["items"]),
            evidence=tuple(body["evidence"]),
            note=body["note"],
            consequence=consequence_of(body["consequence"]),
        )
        return answer(handle(command))


def consequence_of(data: dict[str, Any] | None) -> Consequence | None:
    if data is None:
        return None
    if data.get("condition") is not None:
        return Veto(data["item"], data["condition"])
    return Deduct(data["item"], data["line"], data.get("amount"), data.get("count"))


@blp.route("/<uuid:aid>/finalize")
class FinalizeViews(MethodView):
    @blp.doc(**WRITE)
    @blp.response(200, AssessmentSchema)
    def post(self, aid: UUID) -> Any:
        """Finalize an approved sheet: nothing changes after (counties)."""
        return answer(handle(Finalize(assessment_id=aid)))


@blp.route("/<uuid:aid>/reopen")
class ReopenViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(ReasonSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, body: dict[str, str], aid: UUID) -> Any:
        """Reopen an approved or finalized sheet, with a reason (a finalized one: a level
        above the one that finalized it)."""
        return answer(handle(Reopen(assessment_id=aid, reason=body["reason"])))
