"""The sheet as a workbook on the sheet page: download it, upload it filled, see every
change it would make (and every problem, by cell) before anything is saved, then save it."""

from __future__ import annotations

from uuid import UUID

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from application.errors import ConflictError
from domain.errors import DomainError, ScoringInputError
from web.context import queries
from web.downloads import XLSX, attachment
from web.pages.base import page_caller
from web.pages.sheet.blueprint import bp
from web.pages.sheet.carried_file import PAGE_FILE_LIMIT, carried, carried_back, digest
from web.pages.sheet.limits import reason_problem
from web.pages.sheet.model import load_page
from web.pages.sheet.refusals import refusal_words
from web.sheet_upload import SheetUpload, read_upload, save_upload, sheet_book, unit_name

Page = tuple[str, int] | Response


@bp.get("/assessments/<uuid:aid>/sheet.xlsx")
def download_file(aid: UUID) -> Response:
    """The sheet as a workbook to fill in offline (the account's layer unlocked)."""
    a = queries().assessments.sheet(page_caller(), aid)
    name = f"评分表-{unit_name(a)}-{a.period}.xlsx"
    return attachment(sheet_book(page_caller(), [a]), XLSX, name)


@bp.post("/assessments/<uuid:aid>/sheet-file/preview")
def preview_file(aid: UUID) -> Page:
    """What the uploaded workbook would change, and what is wrong in it; nothing is saved."""
    upload = request.files.get("file")
    if upload is None or not (upload.filename or "").strip():
        return _page(aid, None, b"", "请选择从本系统下载并填写好的评分表文件（.xlsx）。", 422)
    content = upload.read(PAGE_FILE_LIMIT + 1)
    if len(content) > PAGE_FILE_LIMIT:
        return _page(aid, None, b"", "文件太大：评分表文件不应超过 4 MB。", 422)
    read = read_upload(page_caller(), content, upload.filename or "", aid, None)
    return _page(aid, read, content)


@bp.post("/assessments/<uuid:aid>/sheet-file")
def save_file(aid: UUID) -> Page:
    """Save the previewed workbook as one change, unless anything in it is now wrong."""
    content = carried_back()
    reason = request.form.get("reason", "").strip()
    read = read_upload(page_caller(), content, request.form.get("file_name", ""), aid, None)
    if read.all_problems or not any(p.entries for p in read.plans):
        return _page(aid, read, content, status=422)
    if too_long := reason_problem(reason):
        return _page(aid, read, content, too_long, 422, reason)
    try:
        outcomes = save_upload(read, page_caller(), None, reason)
    except ConflictError:
        said = "下载之后此评分表已被他人修改，本次未保存；请重新下载后再填写。"
        return _page(aid, read, content, said, 409, reason)
    except (DomainError, ScoringInputError) as refused:
        return _page(aid, read, content, refusal_words(refused, "reason")[1], 422, reason)
    for outcome in outcomes:
        queries().log.settle(outcome.position)
    return redirect(url_for("sheet.show", aid=aid, done="file"), code=303)


def _page(
    aid: UUID,
    read: SheetUpload | None,
    content: bytes,
    error: str = "",
    status: int = 200,
    reason: str = "",
) -> tuple[str, int]:
    page = load_page(aid)
    html = render_template(
        "sheet/file_preview.html",
        sheet=page,
        upload=read,
        problems=read.all_problems if read else [],
        changes=[c for p in read.plans for c in p.changes] if read else [],
        content=carried(content),
        sha256=digest(content),
        error=error,
        reason=reason,
    )
    return html, 422 if read and read.all_problems else status
