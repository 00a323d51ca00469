"""Scoring an assessment: one item, a whole sheet, deductions, bonus, veto, progress,
evidence. The layer written follows the caller's role (self, review, verification)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask.views import MethodView
from werkzeug.datastructures import FileStorage

from application.commands.assessments import ScoreItem
from web.context import caller, guarded, handle
from web.resources.assessments.blueprint import answer, blp, changed
from web.resources.assessments.schemas import (
    AssessmentSchema,
    BonusSchema,
    BonusWithdrawalSchema,
    DeductionSchema,
    EvidenceFileSchema,
    EvidenceFormSchema,
    ItemChangeSchema,
    ProgressSchema,
    SheetChangeSchema,
    VetoSchema,
    entry_of,
)
from web.resources.common import UPDATE, WRITE


@blp.route("/<uuid:aid>/items/<string:number>")
class ItemViews(MethodView):
    @blp.doc(**UPDATE)
    @blp.arguments(ItemChangeSchema)
    @blp.response(200, AssessmentSchema)
    def put(self, command: ScoreItem, aid: UUID, number: str) -> Any:
        """Set one item's entry in the caller's layer (a reason is needed above self)."""
        return answer(handle(command))


@blp.route("/<uuid:aid>/sheet")
class SheetViews(MethodView):
    @blp.doc(**UPDATE)
    @blp.arguments(SheetChangeSchema)
    @blp.response(200, AssessmentSchema)
    def put(self, body: dict[str, Any], aid: UUID) -> Any:
        """Save many items at once in the caller's layer: all change, or none."""
        entries = {n: entry_of(e) for n, e in body["entries"].items()}
        outcome = guarded().assessments.save_sheet(caller(write=True), aid, entries, body["reason"])
        return changed(outcome)


@blp.route("/<uuid:aid>/deductions")
class DeductionViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(DeductionSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, body: dict[str, Any], aid: UUID) -> Any:
        """Apply a deduction line: a count of occurrences, or a discretionary amount."""
        outcome = guarded().assessments.apply_deduction(
            caller(write=True),
            aid,
            body["item"],
            body["line"],
            body["count"],
            body["amount"],
            body["reason"],
        )
        return changed(outcome)


@blp.route("/<uuid:aid>/bonus")
class BonusViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(BonusSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, body: dict[str, Any], aid: UUID) -> Any:
        """Claim a bonus for a matter at a tier; every claim is kept and one matter counts only
        its highest tier, so a lower claim never replaces a higher one."""
        outcome = guarded().assessments.claim_bonus(
            caller(write=True), aid, body["item"], body["matter"], body["tier"], body["reason"]
        )
        return changed(outcome)


@blp.route("/<uuid:aid>/bonus/withdraw")
class BonusWithdrawalViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(BonusWithdrawalSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, body: dict[str, Any], aid: UUID) -> Any:
        """Withdraw one bonus claim, named by its matter and tier, with a reason."""
        outcome = guarded().assessments.withdraw_bonus(
            caller(write=True), aid, body["item"], body["matter"], body["tier"], body["reason"]
        )
        return changed(outcome)


@blp.route("/<uuid:aid>/veto")
class VetoViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(VetoSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, body: dict[str, Any], aid: UUID) -> Any:
        """Raise a veto condition (一票否决): the result is void whatever the total."""
        outcome = guarded().assessments.raise_veto(
            caller(write=True), aid, body["item"], body["condition"], body["reason"]
        )
        return changed(outcome)


@blp.route("/<uuid:aid>/veto/lift")
class VetoLiftViews(MethodView):
    @blp.doc(**WRITE)
    @blp.arguments(VetoSchema)
    @blp.response(200, AssessmentSchema)
    def post(self, body: dict[str, Any], aid: UUID) -> Any:
        """Lift a raised veto condition, with a reason."""
        outcome = guarded().assessments.lift_veto(
            caller(write=True), aid, body["item"], body["condition"], body["reason"]
        )
        return changed(outcome)


@blp.route("/<uuid:aid>/items/<string:number>/progress")
class ProgressViews(MethodView):
    @blp.doc(**UPDATE)
    @blp.arguments(ProgressSchema)
    @blp.response(200, AssessmentSchema)
    def put(self, body: dict[str, Any], aid: UUID, number: str) -> Any:
        """Enter an item's progress (完成进度情况) and, for a numeric target, its value."""
        outcome = guarded().assessments.enter_progress(
            caller(write=True), aid, number, body["progress"], body["value"], body["reason"]
        )
        return changed(outcome)


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
        outcome = guarded().assessments.attach_evidence(
            caller(write=True), aid, name[:200], upload.read(), form["item"]
        )
        return changed(outcome)
