"""Submitting a sheet: what its form holds typed and unsaved is saved first, in the same
click, so nothing typed is dropped; a value refused is said beside its field and nothing is
submitted."""

from __future__ import annotations

from uuid import UUID

from flask import redirect, request, url_for
from werkzeug.wrappers import Response

from application.commands.assessments import SaveSheet, Submit
from application.errors import ConflictError
from domain.errors import DomainError, ScoringInputError
from domain.workflow import Layer
from web.pages.base import dispatch, form_version
from web.pages.sheet.blueprint import bp
from web.pages.sheet.entries import SheetForm, read_form
from web.pages.sheet.limits import reason_problem
from web.pages.sheet.model import SheetPage, load_page
from web.pages.sheet.refusals import refusal_words
from web.pages.sheet.render import conflict_page, render_sheet

Page = tuple[str, int] | Response


def typed_form(page: SheetPage) -> SheetForm:
    """The values the submit carries from the sheet form (none when it has no form)."""
    if page.layer is None:
        return SheetForm()
    read = read_form(page.rubric, page.a.layers, page.layer, request.form)
    if "reason" in request.form:
        read.values["reason"] = request.form.get("reason", "").strip()
        if too_long := reason_problem(read.values["reason"]):
            read.errors["reason"] = too_long
    return read


@bp.post("/assessments/<uuid:aid>/submit")
def submit(aid: UUID) -> Page:
    """Submit the sheet for review, saving first the values typed and not yet saved."""
    page = load_page(aid)
    read_at = version = form_version()
    typed = typed_form(page)
    if typed.errors:
        said = (
            f"未提交：有 {len(typed.errors)} 处填写有误，请按提示修改；本次未保存也未提交任何内容。"
        )
        return render_sheet(
            page, values=typed.values, errors=typed.errors, notice=(said, "error"), status=422
        )
    saved = False
    try:
        if typed.entries:
            reason = typed.values.get("reason", "")
            save = SaveSheet(assessment_id=aid, entries=typed.entries, reason=reason)
            version = dispatch(save, version).version
            saved = True
        dispatch(Submit(assessment_id=aid), version)
    except ConflictError:
        return conflict_page(aid, read_at, typed.values)
    except (DomainError, ScoringInputError) as refused:
        return refused_submit(load_page(aid) if saved else page, refused, saved, typed)
    return redirect(url_for("sheet.show", aid=aid, done="submitted"), code=303)


def refused_submit(
    page: SheetPage, refused: Exception, saved: bool, typed: SheetForm
) -> tuple[str, int]:
    """Why the sheet was not submitted: the items still unscored, beside each, or the
    refusal in words; what was typed is kept (or, when it was saved, said so)."""
    unscored = page.a.scorecard(page.rubric, Layer.SELF).unscored
    errors = {f"points-{n}": "提交前须填写本项得分。" for n in unscored}
    words = (
        f"无法提交：以下项目尚未评分：{'、'.join(unscored)}。"
        if unscored
        else f"无法提交：{refusal_words(refused, '')[1]}"
    )
    if saved:
        words = f"已保存您填写的分数，但{words}"
    values = {} if saved else typed.values
    return render_sheet(page, values=values, errors=errors, notice=(words, "error"), status=422)
