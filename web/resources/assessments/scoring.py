"""Scoring an assessment: one item, a whole sheet, deductions, bonus, veto, progress,
evidence. The layer written follows the caller's role (self, review, verification)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView
from werkzeug.datastructures import FileStorage

from application.commands.assessments import (
    ApplyDeduction,
    AttachEvidence,
    ClaimBonus,
    EnterProgress,
    LiftVeto,
    RaiseVeto,
    SaveSheet,
    ScoreItem,
    WithdrawBonus,
)
from web.context import caller, handle, queries
from web.resources.assessments.blueprint import answer, blp, item_json
from web.resources.assessments.schemas import (
    AssessmentSchema,
    BonusSchema,
    BonusWithdrawalSchema,
    DeductionSchema,
    EvidenceFileSchema,
    EvidenceFormSchema,
    ItemChangeSchema,
    ItemSchema,
    ProgressSchema,
    SheetChangeSchema,
    VetoLiftSchema,
    VetoSchema,
)
from web.resources.common import ITEM_UPDATE, ITEM_WRITE, WRITE, versioned


@blp.route("/<uuid:aid>/items/<string:number>")
class ItemViews(MethodView):
    @blp.response(200, ItemSchema)
    def get(self, aid: UUID, number: str) -> Any:
        """One item of the sheet; its ETag is the sheet's version at which it last changed,
        the version a change of this item may name in If-Match."""
        a = queries().assessments.sheet(caller(), aid, None)
        found = item_json(a, number)
        return versioned(found, found["version"])

    @blp.doc(**ITEM_UPDATE)
    @blp.arguments(ItemChangeSchema)
    @blp.response(200, AssessmentSchema)
    def put(self, command: ScoreItem, aid: UUID, number: str) -> Any:
        """Set one item's entry in the caller's layer (a reason is needed above self). If-Match
        names the item's version (its ETag) or any later version of the sheet: changes of
        other items since do not refuse it; a change of this item in this layer does (412,
        with what changed)."""
        return answer(handle(command))


@blp.route("/<uuid:aid>/sheet")
class SheetViews(MethodView):
    @blp.doc(**ITEM_UPDATE)
    @blp.arguments(SheetChangeSchema)
    @blp.response(200, AssessmentSchema)
    def put(self, command: SaveSheet, aid: UUID) -> Any:
        """Save many items at once in the caller's layer: all change, or none."""
        return answer(handle(command))


@blp.route("/<uuid:aid>/deductions")
class DeductionViews(MethodView):
    @blp.doc(**ITEM_WRITE)
    @blp.arguments(DeductionSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, command: ApplyDeduction, aid: UUID) -> Any:
        """Apply a deduction line: a count of occurrences, or a discretionary amount."""
        return answer(handle(command))


@blp.route("/<uuid:aid>/bonus")
class BonusViews(MethodView):
    @blp.doc(**ITEM_WRITE)
    @blp.arguments(BonusSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, command: ClaimBonus, aid: UUID) -> Any:
        """Claim a bonus for a matter at a tier; every claim is kept and one matter counts only
        its highest tier, so a lower claim never replaces a higher one."""
        return answer(handle(command))


@blp.route("/<uuid:aid>/bonus/withdraw")
class BonusWithdrawalViews(MethodView):
    @blp.doc(**ITEM_WRITE)
    @blp.arguments(BonusWithdrawalSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, command: WithdrawBonus, aid: UUID) -> Any:
        """Withdraw one bonus claim, named by its matter and tier, with a reason."""
        return answer(handle(command))


@blp.route("/<uuid:aid>/veto")
class VetoViews(MethodView):
    @blp.doc(**ITEM_WRITE)
    @blp.arguments(VetoSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, command: RaiseVeto, aid: UUID) -> Any:
        """Raise a veto condition (一票否决): the result is void whatever the total."""
        return answer(handle(command))


@blp.route("/<uuid:aid>/veto/lift")
class VetoLiftViews(MethodView):
    @blp.doc(**ITEM_WRITE)
    @blp.arguments(VetoLiftSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, command: LiftVeto, aid: UUID) -> Any:
        """Lift a raised veto condition, with a reason."""
        return answer(handle(command))


@blp.route("/<uuid:aid>/items/<string:number>/progress")
class ProgressViews(MethodView):
    @blp.doc(**ITEM_UPDATE)
    @blp.arguments(ProgressSchema)
    @blp.response(200, AssessmentSchema)
    def put(self, command: EnterProgress, aid: UUID, number: str) -> Any:
        """Enter an item's progress (完成进度情况) and, for a numeric target, its value."""
        return answer(handle(command))


@blp.route("/<uuid:aid>/evidence")
class EvidenceViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(EvidenceFileSchema, location="files")
    @blp.arguments(EvidenceFormSchema, location="form")
    @blp.response(200, AssessmentSchema)
    def post(self, files: dict[str, FileStorage], form: dict[str, Any], aid: UUID) -> Any:
        """Attach an evidence file (kept once by its SHA-256), optionally to one item."""
        upload = files["file"]
        name = (upload.filename or "evidence").strip() or "evidence"
        command = AttachEvidence(
            assessment_id=aid, file_name=name[:200], content=upload.read(), item=form["item"]
        )
        return answer(handle(command))
