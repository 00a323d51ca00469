"""One rectification item: what must be fixed, by whom and when, every step so far, and the
form of the next step for whoever takes it (the unit reports; the county closes or reopens)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from application.authorization import Action
from application.bus import Outcome
from application.commands.rectifications import (
    CloseRectification,
    EvidenceFile,
    ReopenRectification,
    ReportRectification,
)
from application.errors import NotFoundError
from domain.errors import FieldError
from domain.rectification import Rectification, Status
from web.context import queries
from web.downloads import attachment
from web.errors import PageInputError
from web.pages.base import dispatch, form_version, me, page_caller, settled
from web.pages.people import People
from web.pages.rectifications.blueprint import SOURCE_WORDS, STATUS_WORDS, STEP_WORDS, bp
from web.pages.rectifications.days import parse_day


@bp.get("/rectifications/<uuid:rid>", endpoint="item")
def show(rid: UUID) -> str:
    """The item as it stands, with its history and the next step's form."""
    return item_page(rid, {}, {})


def item_page(rid: UUID, errors: dict[str, str], form: dict[str, str]) -> str:
    r = queries().rectifications.item(page_caller(), rid)
    line = queries().rectifications.line(page_caller(), rid)
    return render_template(
        "rectifications/item.html",
        r=r,
        line=line,
        people=People(),
        may_report=r.status is Status.OPEN and acts_for(r, Action.REPORT_RECTIFICATION),
        may_check=r.status is Status.REPORTED and acts_for(r, Action.CLOSE_RECTIFICATION),
        statuses=STATUS_WORDS,
        steps=STEP_WORDS,
        sources=SOURCE_WORDS,
        errors=errors,
        form=form,
    )


def acts_for(r: Rectification, action: Action) -> bool:
    """Whether the signed-in account may take the step on this item (the unit's own staff
    report; the county's auditors close and reopen)."""
    if not me().may(action):
        return False
    roots = queries().access.reach(page_caller(), action, "rectification page")
    if action is Action.REPORT_RECTIFICATION:
        return r.unit_id in roots
    return any(queries().access.holds(root, r.unit_id) for root in roots)


def done(rid: UUID, outcome: Outcome) -> Response:
    settled(outcome)
    return redirect(url_for("rectifications.item", rid=rid), code=303)


def refused(rid: UUID, error: FieldError, form: dict[str, str]) -> tuple[str, int]:
    return item_page(rid, {error.field: error.message_zh}, form), 422


@bp.post("/rectifications/<uuid:rid>/report")
def report(rid: UUID) -> Response | tuple[str, int]:
    """The unit reports what it did, with evidence files."""
    version = form_version()
    form = {"action": request.form.get("action", "").strip()}
    if not form["action"]:
        return item_page(rid, {"action": "请填写整改情况。"}, form), 422
    files = tuple(
        EvidenceFile(file_name=(f.filename or "")[:200], content=f.read())
        for f in request.files.getlist("evidence_file")
        if f.filename
    )
    if any(not f.content for f in files):
        return item_page(rid, {"files": "上传的佐证材料是空文件。"}, form), 422
    command = ReportRectification(rectification_id=rid, action=form["action"], files=files)
    try:
        return done(rid, dispatch(command, version))
    except FieldError as error:
        return refused(rid, error, form)


@bp.post("/rectifications/<uuid:rid>/check")
def check(rid: UUID) -> Response | tuple[str, int]:
    """The county's re-check: close (销号) or send back (退回重新整改) with why."""
    version = form_version()
    form = {k: request.form.get(k, "").strip() for k in ("decision", "note", "deadline")}
    if form["decision"] not in ("close", "reopen"):
        raise PageInputError("请选择复查结论：销号或退回重新整改。")
    if not form["note"]:
        return item_page(rid, {"note": "请填写复查意见。"}, form), 422
    if form["decision"] == "close":
        command: CloseRectification | ReopenRectification = CloseRectification(
            rectification_id=rid, note=form["note"]
        )
    else:
        errors: dict[str, str] = {}
        deadline: date | None = None
        if form["deadline"]:
            deadline = parse_day(form["deadline"], errors)
        if errors:
            return item_page(rid, errors, form), 422
        command = ReopenRectification(rectification_id=rid, reason=form["note"], deadline=deadline)
    try:
        return done(rid, dispatch(command, version))
    except FieldError as error:
        return refused(rid, error, form)


@bp.get("/rectifications/<uuid:rid>/evidence/<sha256>")
def evidence(rid: UUID, sha256: str) -> Response:
    """Download a file a report attached."""
    if len(sha256) != 64:
        raise PageInputError("文件标识有误。")
    found = queries().rectifications.evidence(page_caller(), rid, sha256.lower())
    if found is None:
        raise NotFoundError("该整改事项没有这份佐证材料。")
    name, content = found
    return attachment(content, "application/octet-stream", name)
