"""Many sheets in one workbook on a page, for a town or county: pick the unit and period,
download, upload it filled, see each sheet's changes and every problem, then save (each
sheet its own change; a problem in any worksheet saves none)."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from application.errors import ConflictError
from domain.account import Role
from domain.errors import DomainError, ScoringInputError
from web.context import queries
from web.downloads import XLSX, attachment
from web.errors import PageInputError
from web.pages.base import me, page_caller
from web.pages.sheet.blueprint import bp
from web.pages.sheet.carried_file import PAGE_FILE_LIMIT, carried, carried_back, digest
from web.pages.sheet.limits import reason_problem
from web.pages.sheet.refusals import refusal_words
from web.sheet_upload import SheetUpload, read_upload, save_upload, sheet_book, sheets_of, unit_name

Page = tuple[str, int] | Response
BULK_ROLES = (Role.TOWN_REVIEWER, Role.COUNTY_AUDITOR)


@bp.get("/sheets/file")
def bulk() -> tuple[str, int]:
    """Choose a unit and period to download its sheets, or upload a filled workbook."""
    return _page(None, b"", done=request.args.get("done") == "saved")


@bp.get("/sheets/file.xlsx")
def bulk_download() -> Page:
    """The chosen unit's sheets of the period, one worksheet each."""
    unit, period = request.args.get("unit", ""), request.args.get("period", "").strip()
    if unit not in {g.unit_code for g in me().grants if g.role in BULK_ROLES}:
        raise PageInputError("请从列表中选择单位。")
    sheets = sheets_of(page_caller(), unit, period) if period else []
    if not sheets:
        said = (
            f"没有找到该单位“{period or '（未填写）'}”期间的评分表；期间请填写如 2023Q2 或 2024。"
        )
        return _page(None, b"", said, 404)
    return attachment(sheet_book(page_caller(), sheets), XLSX, f"评分表-{unit}-{period}.xlsx")


@bp.post("/sheets/file/preview")
def bulk_preview() -> Page:
    """Each sheet's changes and every problem of the uploaded workbook; nothing is saved."""
    upload = request.files.get("file")
    if upload is None or not (upload.filename or "").strip():
        return _page(None, b"", "请选择填写好的评分表文件（.xlsx）。", 422)
    content = upload.read(PAGE_FILE_LIMIT + 1)
    if len(content) > PAGE_FILE_LIMIT:
        return _page(None, b"", "文件太大：评分表文件不应超过 4 MB。", 422)
    return _page(read_upload(page_caller(), content, upload.filename or "", None, None), content)


@bp.post("/sheets/file/save")
def bulk_save() -> Page:
    """Save each sheet of the previewed workbook, unless anything in it is now wrong."""
    content = carried_back()
    reason = request.form.get("reason", "").strip()
    read = read_upload(page_caller(), content, request.form.get("file_name", ""), None, None)
    if read.all_problems or (too_long := reason_problem(reason)):
        return _page(read, content, "" if read.all_problems else too_long or "", 422, reason)
    try:
        outcomes = save_upload(read, page_caller(), None, reason)
    except ConflictError:
        said = "保存途中有评分表被他人修改，其后的评分表未保存；请重新下载后核对。"
        return _page(read, content, said, 409, reason)
    except (DomainError, ScoringInputError) as refused:
        return _page(read, content, refusal_words(refused, "reason")[1], 422, reason)
    for outcome in outcomes:
        queries().log.settle(outcome.position)
    return redirect(url_for("sheet.bulk", done="saved"), code=303)


def _page(
    read: SheetUpload | None,
    content: bytes,
    error: str = "",
    status: int = 200,
    reason: str = "",
    done: bool = False,
) -> tuple[str, int]:
    html = render_template(
        "sheet/bulk_file.html",
        units=[g for g in me().grants if g.role in BULK_ROLES],
        upload=read,
        problems=read.all_problems if read else [],
        plans=[p for p in read.plans if p.changes] if read else [],
        unit_names={p.assessment.id: unit_name(p.assessment) for p in read.plans} if read else {},
        content=carried(content),
        sha256=digest(content),
        error=error,
        reason=reason,
        done=done,
    )
    return html, 422 if read and read.all_problems else status
