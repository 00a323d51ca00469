"""Rendering the sheet page: the sheet, the values a refused form keeps, the errors beside
their fields, a notice, and on a conflict what changed since the form was read."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from flask import render_template, request

from domain.workflow import Status
from infra.sheet_stamp import SheetStamp, sheet_stamp
from projections.scores import Summary
from projections.tables.wording import RESULT_WORDS, result_words
from web.context import services
from web.pages.review.since_approval import sheet_since_approval
from web.pages.sheet.changes import ChangeLine, changes_since, typed_since
from web.pages.sheet.entries import preview, read_form
from web.pages.sheet.field_names import field_name
from web.pages.sheet.limits import REASON_LIMIT
from web.pages.sheet.model import SheetPage, load_page, path_key
from web.pages.sheet.returned import return_reasons
from web.pages.sheet.stale import stale_words
from web.pages.sheet.team_view import team_of
from web.pages.words import plain

DONE: dict[str, str] = {
    "saved": "已保存。",
    "submitted": "已提交，等待上级验收。",
    "deduction": "已记录扣分。",
    "bonus": "已申报加分。",
    "withdrawn": "已撤回加分申报。",
    "veto": "已记录一票否决。",
    "lifted": "已撤销一票否决。",
    "evidence": "已上传佐证材料。",
    "file": "已按上传的表格保存。",
    "assigned": "已分配评分部分。",
    "extended": "已延长期限。",
}
"""What the page says after a change it redirected to (post/redirect/get)."""

CONFLICT = (
    "此评分表已被他人修改，您的修改尚未保存。下面列出了对方的修改；"
    "您填写的内容仍保留在表中，核对后可再次保存。"
)


def render_sheet(
    page: SheetPage,
    *,
    values: Mapping[str, str] | None = None,
    errors: Mapping[str, str] | None = None,
    notice: tuple[str, str] | None = None,
    conflict: list[ChangeLine] | None = None,
    conflict_title: str | None = None,
    status: int = 200,
) -> tuple[str, int]:
    as_typed(page, values or {})
    done = DONE.get(request.args.get("done", ""))
    if notice is None and done:
        notice = (done, "ok")
    html = render_template(
        "sheet/show.html",
        sheet=page,
        values=values or {},
        errors=errors or {},
        notice=notice,
        conflict=conflict,
        conflict_title=conflict_title,
        result_words=RESULT_WORDS,
        ledger=ledger_of(page),
        field_name=field_name,
        reason_limit=REASON_LIMIT,
        returned=return_reasons(page.a.id) if page.a.status is Status.RETURNED else None,
        approval=sheet_since_approval(page.a),
        team=team_of(page.a, page.rubric),
    )
    return html, status


def as_typed(page: SheetPage, values: Mapping[str, str]) -> None:
    """Score the page as its boxes show it: a refused form keeps what was typed, so the
    points, subtotals and total count its valid values (a wrong one counts as unsaved)."""
    if page.layer is None or not values:
        return
    read = read_form(page.rubric, page.a.layers, page.layer, values)
    page.summary = preview(page.rubric, page.a.layers, page.layer, read)


def ledger_of(page: SheetPage) -> SheetStamp | None:
    """Where in the ledger the sheet as shown stands (its last event, and a checkpoint)."""
    return sheet_stamp(services().stamper, page.a.id, page.a.version, page.a.last_hash)


def conflict_page(aid: UUID, read_version: int, values: Mapping[str, str]) -> tuple[str, int]:
    """The sheet as it is now, with what the user typed kept and what others changed."""
    page = load_page(aid)
    kept = typed_since(page.a, read_version, page.layer.value, values) if page.layer else {}
    own = stale_words(aid, read_version)
    return render_sheet(
        page,
        values=kept,
        notice=(own or CONFLICT, "warn"),
        conflict=changes_since(page.a, read_version),
        conflict_title="您打开本页之后的修改" if own else None,
        status=409,
    )


def summary_json(summary: Summary, errors: Mapping[str, str]) -> dict[str, Any]:
    return {
        "total": plain(summary.total),
        "base": plain(summary.base),
        "bonus": plain(summary.bonus),
        "deductions": plain(summary.deductions),
        "special": plain(summary.special),
        "result": result_words(summary.result, summary.vetoed_for),
        "sections": {path_key(p): plain(v) for p, v in summary.sections.items()},
        "points": {n: plain(v) for n, v in summary.points.items()},
        "errors": dict(errors),
    }
