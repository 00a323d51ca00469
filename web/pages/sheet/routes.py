"""The sheet page: show it, preview the score of a form, save the account's layer."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from flask import redirect, request, url_for
from werkzeug.wrappers import Response

from application.commands.assessments import SaveSheet
from application.errors import ConflictError
from domain.errors import DomainError, ScoringInputError
from web.context import queries
from web.pages.base import dispatch, error_page, form_version
from web.pages.sheet.blueprint import bp
from web.pages.sheet.entries import changed_from, read_form
from web.pages.sheet.entries import preview as preview_summary
from web.pages.sheet.limits import reason_problem
from web.pages.sheet.model import load_page
from web.pages.sheet.refusals import refusal_words
from web.pages.sheet.render import conflict_page, render_sheet, summary_json
from web.pages.sheet.stale import stale_words

Page = tuple[str, int] | Response

READ_ONLY = "此评分表当前为只读：您所在层级的评分不在可修改的阶段。"


@bp.get("/assessments/<uuid:aid>")
def show(aid: UUID) -> tuple[str, int]:
    """The sheet, its layers side by side, the account's own layer editable."""
    return render_sheet(load_page(aid))


@bp.post("/assessments/<uuid:aid>/preview")
def preview(aid: UUID) -> dict[str, Any] | tuple[dict[str, Any], int]:
    """The score as it would be with the form's values (JSON; nothing is stored)."""
    page = load_page(aid)
    if page.layer is None:
        return {"error": READ_ONLY}, 409
    read = read_form(page.rubric, page.a.layers, page.layer, request.form)
    return summary_json(preview_summary(page.rubric, page.a.layers, page.layer, read), read.errors)


@bp.post("/assessments/<uuid:aid>/sheet")
def save(aid: UUID) -> Page:
    """Save the account's layer in one command: every value changes, or none."""
    page = load_page(aid)
    version = form_version()
    if page.layer is None:
        return read_only(aid, version)
    read = read_form(page.rubric, page.a.layers, page.layer, request.form)
    reason = request.form.get("reason", "").strip()
    read.values["reason"] = reason
    if too_long := reason_problem(reason):
        read.errors["reason"] = too_long
    if read.errors:
        said = f"有 {len(read.errors)} 处填写有误，请按提示修改；本次未保存任何内容。"
        return render_sheet(
            page, values=read.values, errors=read.errors, notice=(said, "error"), status=422
        )
    # Only what the user changed from what they read: a value left as read is not saved
    # again over someone else's newer one.
    entries = read.entries
    if version <= page.a.version:
        then = queries().assessments.saved(aid, version).layers
        entries = changed_from(page.rubric, then, page.layer, read.values, entries)
    try:
        dispatch(SaveSheet(assessment_id=aid, entries=entries, reason=reason), version)
    except ConflictError:
        return conflict_page(aid, version, read.values)
    except (DomainError, ScoringInputError) as refused:
        field, words = refusal_words(refused, "reason")
        errors = {field: words} if field else {}
        notice = (f"未保存：{words}", "error")
        return render_sheet(page, values=read.values, errors=errors, notice=notice, status=422)
    return redirect(url_for("sheet.show", aid=aid, done="saved"), code=303)


def read_only(aid: UUID, version: int) -> Page:
    """A save the sheet no longer takes: from a page older than the account's own submit
    (or other change) it says so on the sheet; otherwise the sheet is read-only to it."""
    if version < load_page(aid).a.version and stale_words(aid, version):
        return conflict_page(aid, version, {})
    return error_page(409, READ_ONLY)
