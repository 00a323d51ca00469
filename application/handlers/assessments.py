"""The assessment handlers: load what the command needs, call the aggregate, return it."""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Mapping
from typing import Any

from application.commands import assessments as c
from application.consequences import apply_consequence, check_consequence
from application.context import Context
from application.errors import ConflictError
from application.handlers.inspection_team import group_member
from domain.assessment import Assessment
from domain.deadlines import check_opens, check_self_open, window_of
from domain.errors import DomainError
from domain.ids import assessment_id, rubric_version_id, unit_id
from domain.rubric import Rubric
from domain.rubric_version import RubricVersion
from domain.unit import Unit
from domain.workflow import Layer, Status


def open_assessment(cmd: c.OpenAssessment, ctx: Context) -> list[Assessment]:
    published, rubric = published_rubric(cmd.rubric, cmd.version, ctx)
    opened = open_sheet(cmd.unit, published, rubric, cmd.period, ctx)
    if opened is None:
        aid = assessment_id(unit_id(cmd.unit), published.id, cmd.period)
        raise ConflictError(
            f"{cmd.unit} already has an assessment for {cmd.rubric} "
            f"v{cmd.version} in {cmd.period}: {aid}"
        )
    return [opened]


def open_round(cmd: c.OpenRound, ctx: Context) -> list[Assessment]:
    if not cmd.units:
        raise DomainError("a round names the units whose sheets it opens; none was named")
    if len(set(cmd.units)) != len(cmd.units):
        twice = sorted({u for u in cmd.units if cmd.units.count(u) > 1})
        raise DomainError(f"a round names each unit once; named more than once: {', '.join(twice)}")
    published, rubric = published_rubric(cmd.rubric, cmd.version, ctx)
    opened = [
        found
        for code in cmd.units
        if (found := open_sheet(code, published, rubric, cmd.period, ctx)) is not None
    ]
    if not opened:
        raise ConflictError(
            f"every unit named already has its {cmd.rubric} v{cmd.version} sheet for "
            f"{cmd.period}; nothing to open"
        )
    return opened


def extend_round(cmd: c.ExtendRound, ctx: Context) -> list[Assessment]:
    if not cmd.units or len(set(cmd.units)) != len(cmd.units):
        raise DomainError("a round's extension names each unit whose sheet it extends, once")
    published = ctx.uow.load(
        RubricVersion, rubric_version_id(cmd.rubric, cmd.version), f"rubric {cmd.rubric}"
    )
    rubric = ctx.rubrics(published.id)
    sheets = []
    for code in cmd.units:
        aid = assessment_id(unit_id(code), published.id, cmd.period)
        sheet = ctx.uow.load(Assessment, aid, f"{code}'s {cmd.rubric} sheet for {cmd.period}")
        sheet.extend_window(ctx.stamp, sheet.window(rubric), cmd.until, cmd.reason)
        sheets.append(sheet)
    return sheets


def published_rubric(code: str, version: int, ctx: Context) -> tuple[RubricVersion, Rubric]:
    """A published, current rubric version that sheets may be opened on."""
    where = f"rubric {code} v{version}"
    published = ctx.uow.load(RubricVersion, rubric_version_id(code, version), where)
    if published.retired:
        raise DomainError(f"{where} is retired; open assessments against a current version")
    return published, ctx.rubrics(published.id)


def open_sheet(
    code: str, published: RubricVersion, rubric: Rubric, period: str, ctx: Context
) -> Assessment | None:
    """A unit's new sheet for the period (None: it already has one)."""
    unit = ctx.uow.load(Unit, unit_id(code), f"unit {code}")
    if unit.level is not rubric.scored_level:
        raise DomainError(
            f"{rubric.code} scores {rubric.scored_level.value} units; "
            f"{code} is a {unit.level.value} unit"
        )
    check_opens(window_of(rubric, period), ctx.stamp.at)
    if ctx.uow.find(Assessment, assessment_id(unit.id, published.id, period)) is not None:
        return None
    return Assessment.open(ctx.stamp, unit.id, published.id, rubric, period)


def writable(a: Assessment, ctx: Context) -> Rubric:
    """The sheet's rubric, once the layer the caller writes is open: the self layer closes
    with the period's window unless the reviewing level has returned the sheet."""
    rubric = ctx.rubric(a)
    if ctx.layer is Layer.SELF:
        check_self_open(a.window(rubric), ctx.stamp.at, a.status is Status.RETURNED)
    return rubric


def score_item(cmd: c.ScoreItem, a: Assessment, ctx: Context) -> None:
    a.score_item(ctx.stamp, writable(a, ctx), cmd.number, ctx.layer, cmd.entry, cmd.reason)


def save_sheet(cmd: c.SaveSheet, a: Assessment, ctx: Context) -> None:
    a.save_sheet(ctx.stamp, writable(a, ctx), ctx.layer, cmd.entries, cmd.reason)


def save_sheet_file(cmd: c.SaveSheetFile, a: Assessment, ctx: Context) -> None:
    a.save_sheet_file(
        ctx.stamp, writable(a, ctx), ctx.layer, cmd.entries, cmd.file_name, cmd.sha256, cmd.reason
    )


def apply_deduction(cmd: c.ApplyDeduction, a: Assessment, ctx: Context) -> None:
    a.apply_deduction(
        *(ctx.stamp, writable(a, ctx), cmd.number, ctx.layer),
        *(cmd.line, cmd.count, cmd.amount, cmd.reason),
    )


def claim_bonus(cmd: c.ClaimBonus, a: Assessment, ctx: Context) -> None:
    rubric = writable(a, ctx)
    a.claim_bonus(ctx.stamp, rubric, cmd.number, ctx.layer, cmd.matter, cmd.tier, cmd.reason)


def withdraw_bonus(cmd: c.WithdrawBonus, a: Assessment, ctx: Context) -> None:
    rubric = writable(a, ctx)
    a.withdraw_bonus(ctx.stamp, rubric, cmd.number, ctx.layer, cmd.matter, cmd.tier, cmd.reason)


def raise_veto(cmd: c.RaiseVeto, a: Assessment, ctx: Context) -> None:
    a.raise_veto(ctx.stamp, writable(a, ctx), cmd.number, ctx.layer, cmd.condition, cmd.reason)


def lift_veto(cmd: c.LiftVeto, a: Assessment, ctx: Context) -> None:
    a.lift_veto(ctx.stamp, writable(a, ctx), cmd.number, ctx.layer, cmd.condition, cmd.reason)


def enter_progress(cmd: c.EnterProgress, a: Assessment, ctx: Context) -> None:
    a.enter_progress(
        *(ctx.stamp, writable(a, ctx), cmd.number, ctx.layer),
        *(cmd.progress, cmd.value, cmd.reason),
    )


def attach_evidence(cmd: c.AttachEvidence, a: Assessment, ctx: Context) -> None:
    sha256 = hashlib.sha256(cmd.content).hexdigest()
    a.attach_evidence(ctx.stamp, ctx.rubric(a), cmd.file_name, len(cmd.content), sha256, cmd.item)
    ctx.files.put(cmd.content)  # only once the sheet takes it: a refusal keeps no file


def submit(cmd: c.Submit, a: Assessment, ctx: Context) -> None:
    rubric = ctx.rubric(a)
    check_self_open(a.window(rubric), ctx.stamp.at, a.status is Status.RETURNED)
    a.submit(ctx.stamp, rubric)


def return_assessment(cmd: c.ReturnAssessment, a: Assessment, ctx: Context) -> None:
    a.return_to_unit(ctx.stamp, ctx.rubric(a), cmd.reason, cmd.items)


def approve(cmd: c.Approve, a: Assessment, ctx: Context) -> None:
    a.approve(ctx.stamp, ctx.rubric(a))


def assign_sections(cmd: c.AssignSections, a: Assessment, ctx: Context) -> None:
    rubric = ctx.rubric(a)
    inspector = group_member(cmd.inspector, rubric, ctx)
    a.assign_sections(ctx.stamp, rubric, str(inspector.id), inspector.display_name, cmd.sections)


def extend_window(cmd: c.ExtendWindow, a: Assessment, ctx: Context) -> None:
    a.extend_window(ctx.stamp, a.window(ctx.rubric(a)), cmd.until, cmd.reason)


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
    c.OpenRound: open_round,
    c.ExtendRound: extend_round,
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
    c.AssignSections: assign_sections,
    c.ExtendWindow: extend_window,
    c.RecordFinding: record_finding,
    c.Finalize: finalize,
    c.Reopen: reopen,
}
