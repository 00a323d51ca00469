"""The assessment handlers: load what the command needs, call the aggregate, return it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from application.commands import assessments as c
from application.consequences import apply_consequence, check_consequence
from application.context import Context
from application.errors import ConflictError
from domain.assessment import Assessment
from domain.errors import DomainError
from domain.ids import assessment_id, rubric_version_id, unit_id
from domain.rubric_version import RubricVersion
from domain.unit import Unit


def open_assessment(cmd: c.OpenAssessment, ctx: Context) -> list[Assessment]:
    where = f"rubric {cmd.rubric} v{cmd.version}"
    unit = ctx.uow.load(Unit, unit_id(cmd.unit), f"unit {cmd.unit}")
    published = ctx.uow.load(RubricVersion, rubric_version_id(cmd.rubric, cmd.version), where)
    if published.retired:
        raise DomainError(f"{where} is retired; open assessments against a current version")
    rubric = ctx.rubrics(published.id)
    if unit.level is not rubric.scored_level:
        raise DomainError(
            f"{cmd.rubric} scores {rubric.scored_level.value} units; "
            f"{cmd.unit} is a {unit.level.value} unit"
        )
    aid = assessment_id(unit.id, published.id, cmd.period)
    if ctx.uow.find(Assessment, aid) is not None:
        raise ConflictError(
            f"{cmd.unit} already has an assessment for {cmd.rubric} "
            f"v{cmd.version} in {cmd.period}: {aid}"
        )
    return [Assessment.open(ctx.stamp, unit.id, published.id, rubric, cmd.period)]


def score_item(cmd: c.ScoreItem, a: Assessment, ctx: Context) -> None:
    a.score_item(ctx.stamp, ctx.rubric(a), cmd.number, ctx.layer, cmd.entry, cmd.reason)


def save_sheet(cmd: c.SaveSheet, a: Assessment, ctx: Context) -> None:
    a.save_sheet(ctx.stamp, ctx.rubric(a), ctx.layer, cmd.entries, cmd.reason)


def save_sheet_file(cmd: c.SaveSheetFile, a: Assessment, ctx: Context) -> None:
    rubric = ctx.rubric(a)
    a.save_sheet_file(
        ctx.stamp, rubric, ctx.layer, cmd.entries, cmd.file_name, cmd.sha256, cmd.reason
    )


def apply_deduction(cmd: c.ApplyDeduction, a: Assessment, ctx: Context) -> None:
    a.apply_deduction(
        *(ctx.stamp, ctx.rubric(a), cmd.number, ctx.layer),
        *(cmd.line, cmd.count, cmd.amount, cmd.reason),
    )


def claim_bonus(cmd: c.ClaimBonus, a: Assessment, ctx: Context) -> None:
    rubric = ctx.rubric(a)
    a.claim_bonus(ctx.stamp, rubric, cmd.number, ctx.layer, cmd.matter, cmd.tier, cmd.reason)


def withdraw_bonus(cmd: c.WithdrawBonus, a: Assessment, ctx: Context) -> None:
    rubric = ctx.rubric(a)
    a.withdraw_bonus(ctx.stamp, rubric, cmd.number, ctx.layer, cmd.matter, cmd.tier, cmd.reason)


def raise_veto(cmd: c.RaiseVeto, a: Assessment, ctx: Context) -> None:
    a.raise_veto(ctx.stamp, ctx.rubric(a), cmd.number, ctx.layer, cmd.condition, cmd.reason)


def lift_veto(cmd: c.LiftVeto, a: Assessment, ctx: Context) -> None:
    a.lift_veto(ctx.stamp, ctx.rubric(a), cmd.number, ctx.layer, cmd.condition, cmd.reason)


def enter_progress(cmd: c.EnterProgress, a: Assessment, ctx: Context) -> None:
    a.enter_progress(
        *(ctx.stamp, ctx.rubric(a), cmd.number, ctx.layer),
        *(cmd.progress, cmd.value, cmd.reason),
    )


def attach_evidence(cmd: c.AttachEvidence, a: Assessment, ctx: Context) -> None:
    sha256 = hashlib.sha256(cmd.content).hexdigest()
    a.attach_evidence(ctx.stamp, ctx.rubric(a), cmd.file_name, len(cmd.content), sha256, cmd.item)
    ctx.files.put(cmd.content)  # only once the sheet takes it: a refusal keeps no file


def submit(cmd: c.Submit, a: Assessment, ctx: Context) -> None:
    a.submit(ctx.stamp, ctx.rubric(a))


def return_assessment(cmd: c.ReturnAssessment, a: Assessment, ctx: Context) -> None:
    a.return_to_unit(ctx.stamp, ctx.rubric(a), cmd.reason, cmd.items)


def approve(cmd: c.Approve, a: Assessment, ctx: Context) -> None:
    a.approve(ctx.stamp)


def record_finding(cmd: c.RecordFinding, a: Assessment, ctx: Context) -> None:
    """The finding, and a falsification's consequence before it: the finding names the
    consequence's item too."""
    rubric = ctx.rubric(a)
    check_consequence(rubric, cmd.finding, cmd.consequence)
    items = list(cmd.items)
    if cmd.consequence is not None:
        apply_consequence(a, rubric, ctx.stamp, cmd.consequence, cmd.note)
        items += [] if cmd.consequence.item in items else [cmd.consequence.item]
    a.record_finding(ctx.stamp, rubric, cmd.finding, items, cmd.evidence, cmd.note)


def finalize(cmd: c.Finalize, a: Assessment, ctx: Context) -> None:
    a.finalize(ctx.stamp)


def reopen(cmd: c.Reopen, a: Assessment, ctx: Context) -> None:
    a.reopen(ctx.stamp, cmd.reason)


ASSESSMENT_HANDLERS: Mapping[type[Any], Callable[..., Any]] = {
    c.OpenAssessment: open_assessment,
    c.ScoreItem: score_item,
    c.SaveSheet: save_sheet,
    c.SaveSheetFile: save_sheet_file,
    c.ApplyDeduction: apply_deduction,
    c.ClaimBonus: claim_bonus,
    c.WithdrawBonus: withdraw_bonus,
    c.RaiseVeto: raise_veto,
    c.LiftVeto: lift_veto,
    c.EnterProgress: enter_progress,
    c.AttachEvidence: attach_evidence,
    c.Submit: submit,
    c.ReturnAssessment: return_assessment,
    c.Approve: approve,
    c.RecordFinding: record_finding,
    c.Finalize: finalize,
    c.Reopen: reopen,
}
