"""The small forms of a sheet's rows: deduction counts, bonus claims, vetoes, and evidence
(attached and downloaded). Each sends one command on the account's layer."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from uuid import UUID

from flask import redirect, request, url_for
from werkzeug.wrappers import Response

from application.commands.assessments import (
    ApplyDeduction,
    AttachEvidence,
    ClaimBonus,
    LiftVeto,
    RaiseVeto,
    WithdrawBonus,
)
from application.commands.base import Command
from application.errors import ConflictError, NotFoundError
from domain.errors import DomainError, ScoringInputError
from web.context import queries
from web.downloads import attachment
from web.errors import PageInputError
from web.pages.base import dispatch, form_version, page_caller
from web.pages.sheet.blueprint import bp
from web.pages.sheet.entries import NUMBER_WORDS, parse_number
from web.pages.sheet.limits import reason_problem
from web.pages.sheet.model import load_page
from web.pages.sheet.refusals import refusal_words
from web.pages.sheet.render import conflict_page, render_sheet

Page = tuple[str, int] | Response


def act(
    aid: UUID,
    done: str,
    command: Command,
    fields: tuple[str, str],
    values: Mapping[str, str],
    anchor: str | None = None,
) -> Page:
    """Send one command with the version the form was read at; a refusal is said beside the
    form's field (`fields`: its value field and its reason field), keeping what was typed."""
    version = form_version()
    value_field, reason_field = fields
    if too_long := reason_problem(form("reason")):
        return refuse(aid, values, reason_field, reason_field, too_long)
    try:
        dispatch(command, version)
    except ConflictError:
        return conflict_page(aid, version, values)
    except (DomainError, ScoringInputError) as refused:
        return refuse(aid, values, value_field, *refusal_words(refused, reason_field, value_field))
    return redirect(url_for("sheet.show", aid=aid, done=done, _anchor=anchor), code=303)


def refuse(aid: UUID, values: Mapping[str, str], fallback: str, field: str, words: str) -> Page:
    errors = {field or fallback: words}
    notice = (f"未执行：{words}", "error")
    return render_sheet(load_page(aid), values=values, errors=errors, notice=notice, status=422)


def form(name: str) -> str:
    return request.form.get(name, "").strip()


@bp.post("/assessments/<uuid:aid>/deductions")
def deduction(aid: UUID) -> Page:
    """Record a deduction line: how many times it happened, or a discretionary amount."""
    item, line = form("item"), form("line")
    prefix = f"ded-{item}-{line}"
    kind = "amount" if "amount" in request.form else "count"
    value_field, reason_field = f"{prefix}-{kind}", f"{prefix}-reason"
    values = {value_field: form(kind), reason_field: form("reason")}
    count: int | None = None
    amount: Decimal | None = None
    if kind == "count":
        if not form("count").isdigit() or len(form("count")) > 6:
            return refuse(aid, values, value_field, "", "次数须为不小于 0 的整数。")
        count = int(form("count"))
    else:
        try:
            amount = parse_number(form("amount")) or Decimal(0)
        except ValueError:
            return refuse(aid, values, value_field, "", NUMBER_WORDS)
    return act(
        aid,
        "deduction",
        ApplyDeduction(
            assessment_id=aid,
            number=item,
            line=line,
            count=count,
            amount=amount,
            reason=form("reason"),
        ),
        (value_field, reason_field),
        values,
        f"item-{item}",
    )


@bp.post("/assessments/<uuid:aid>/bonus")
def bonus(aid: UUID) -> Page:
    """Claim a bonus for a matter at a tier (every claim is kept; a matter counts only its
    highest tier)."""
    item = form("item")
    prefix = f"bonus-{item}"
    values = {f"{prefix}-{k}": form(k) for k in ("matter", "tier", "reason")}
    if not form("matter"):
        return refuse(aid, values, f"{prefix}-matter", "", "请填写加分事项。")
    return act(
        aid,
        "bonus",
        ClaimBonus(
            assessment_id=aid,
            number=item,
            matter=form("matter"),
            tier=form("tier"),
            reason=form("reason"),
        ),
        (f"{prefix}-tier", f"{prefix}-reason"),
        values,
        f"item-{item}",
    )


@bp.post("/assessments/<uuid:aid>/bonus/withdraw")
def withdraw(aid: UUID) -> Page:
    """Withdraw one bonus claim (its matter and tier), with a reason."""
    item, index = form("item"), form("index")
    reason_field = f"withdraw-{item}-{index}-reason"
    return act(
        aid,
        "withdrawn",
        WithdrawBonus(
            assessment_id=aid,
            number=item,
            matter=form("matter"),
            tier=form("tier"),
            reason=form("reason"),
        ),
        (reason_field, reason_field),
        {reason_field: form("reason")},
        f"item-{item}",
    )


@bp.post("/assessments/<uuid:aid>/veto")
def veto(aid: UUID) -> Page:
    """Raise or lift a veto condition (一票否决), with a reason."""
    item, condition = form("item"), form("condition")
    reason_field = f"veto-{item}-{condition}-reason"
    step = LiftVeto if form("lift") else RaiseVeto
    return act(
        aid,
        "lifted" if form("lift") else "veto",
        step(assessment_id=aid, number=item, condition=condition, reason=form("reason")),
        (reason_field, reason_field),
        {reason_field: form("reason")},
        f"item-{item}",
    )


@bp.post("/assessments/<uuid:aid>/evidence")
def attach(aid: UUID) -> Page:
    """Attach an evidence file (kept once by its SHA-256), optionally to one item."""
    upload = request.files.get("file")
    item = form("item") or None
    values = {"evidence-item": item or ""}
    if upload is None or not (upload.filename or "").strip():
        return refuse(aid, values, "evidence-file", "", "请选择要上传的文件。")
    name = (upload.filename or "").strip()[:200]
    content = upload.read()
    return act(
        aid,
        "evidence",
        AttachEvidence(assessment_id=aid, file_name=name, content=content, item=item),
        ("evidence-file", "evidence-file"),
        values,
        "evidence-h",
    )


@bp.get("/assessments/<uuid:aid>/evidence/<sha256>")
def evidence(aid: UUID, sha256: str) -> Response:
    """Download an attached evidence file."""
    if len(sha256) != 64:
        raise PageInputError("文件标识有误。")
    found = queries().assessments.evidence(page_caller(), aid, sha256)
    if found is None:
        raise NotFoundError("该评分表没有这份佐证材料。")
    name, content = found
    return attachment(content, "application/octet-stream", name)
