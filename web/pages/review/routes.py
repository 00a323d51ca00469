"""The review queue and the review page of a sheet: approve it, or return it with a reason
per item; a stale form or a refused step changes nothing and says why."""

from __future__ import annotations

from uuid import UUID

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from application.commands.assessments import Approve, ReturnAssessment
from application.errors import ConflictError, PermissionDeniedError
from domain.account import Role
from domain.errors import FieldError
from projections.tables.periods import period_label
from projections.tables.wording import LAYER_WORDS, STATUS_WORDS, result_words
from web.context import queries
from web.pages.base import dispatch, error_page, form_version, me, page_blueprint, page_caller
from web.pages.people import People
from web.pages.review.queue import read_queue
from web.pages.review.reasons import (
    ITEM_LIMIT,
    OVERALL_LIMIT,
    ReturnForm,
    item_label,
    read_return_form,
)
from web.pages.review.sheet import read_review, rubric_of
from web.pages.sheet.stale import stale_words
from web.pages.words import entry_words

bp = page_blueprint("review", __name__)

REVIEWERS = (Role.TOWN_REVIEWER, Role.COUNTY_AUDITOR)
DONE = {"approved": "已验收通过", "returned": "已退回"}
STALE = "在您打开本页之后，这张评分表已被他人修改，本次操作没有执行。请查看下方最新内容后再操作。"
OWN = "这张评分表是您本人提交的，不能由您验收或退回，请由其他验收人员办理。"


@bp.get("/review")
def queue() -> str | tuple[str, int]:
    """The sheets waiting for review below the reviewer's unit, and those returned."""
    who = me()
    if not who.has(*REVIEWERS):
        return error_page(403, "待验收队列供审核人员和复核人员使用。")
    period = request.args.get("period") or None
    found = read_queue(who, period)
    return render_template(
        "review/queue.html", queue=found, done=_done_notice(), period_label=period_label
    )


def _done_notice() -> str | None:
    """What the last approve or return did (it redirected here to say so)."""
    done, aid = request.args.get("done"), request.args.get("aid", "")
    if done not in DONE:
        return None
    try:
        row = queries().sheets.row(page_caller(), UUID(aid))
    except ValueError:
        row = None
    if row is None:
        return f"{DONE[done]}。"
    unit = queries().units.row(row.head.unit_id)
    name = unit.name if unit else ""
    return f"{DONE[done]}：{name} {period_label(row.head.period)}。"


@bp.get("/review/<uuid:aid>")
def sheet(aid: UUID) -> str | tuple[str, int]:
    """One sheet to review: scores by layer, changes since its last return, the steps."""
    return review_page(aid)


def review_page(
    aid: UUID, form: ReturnForm | None = None, notice: str | None = None, status: int = 200
) -> tuple[str, int]:
    found = read_review(me(), aid)
    return render_template(
        "review/sheet.html",
        s=found,
        form=form or ReturnForm(),
        notice=notice or (OWN if found.own_submission and found.reviewer else None),
        notice_kind="error" if status != 200 else "warn",
        people=People(),
        entry_words=entry_words,
        item_label=item_label,
        status_words=STATUS_WORDS,
        result_words=result_words,
        layer_words=LAYER_WORDS,
        item_limit=ITEM_LIMIT,
        overall_limit=OVERALL_LIMIT,
    ), status


@bp.post("/review/<uuid:aid>/approve")
def approve(aid: UUID) -> Response | tuple[str, int]:
    """Approve a submitted sheet (never one's own submission)."""
    try:
        dispatch(Approve(assessment_id=aid), form_version())
    except ConflictError:
        return review_page(aid, notice=stale_words(aid, form_version()) or STALE, status=409)
    except PermissionDeniedError as refused:
        return _refused(aid, refused)
    except FieldError as refused:  # the rubric's approval rule: said in words, on the sheet
        return review_page(aid, notice=f"未验收：{refused.message_zh}", status=422)
    return redirect(url_for("review.queue", done="approved", aid=aid), code=303)


@bp.post("/review/<uuid:aid>/return")
def return_sheet(aid: UUID) -> Response | tuple[str, int]:
    """Return a submitted sheet to its unit, with a reason per ticked item."""
    form = read_return_form(request.form, request.form.getlist("item"), rubric_of(aid))
    if form.errors:
        return review_page(aid, form, status=422)
    try:
        command = ReturnAssessment(assessment_id=aid, reason=form.reason, items=tuple(form.ticked))
        dispatch(command, form_version())
    except ConflictError:
        return review_page(aid, form, stale_words(aid, form_version()) or STALE, 409)
    except PermissionDeniedError as refused:
        return _refused(aid, refused)
    return redirect(url_for("review.queue", done="returned", aid=aid), code=303)


def _refused(aid: UUID, refused: PermissionDeniedError) -> tuple[str, int]:
    """A refused step: one's own submission is said in words; anything else as it came."""
    own = read_review(me(), aid).own_submission
    return error_page(403, OWN if own else str(refused))
