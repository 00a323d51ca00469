"""Rubrics: the published versions, and publishing a file in two steps. "校验并预览"
checks the uploaded file (its problems are listed beside the file field) and shows its tree,
or, for a spreadsheet, the rubric file proposed from it and what is left to settle;
"发布" publishes exactly what was previewed (the preview's content hash comes back with it)."""

from __future__ import annotations

import base64
import binascii
from io import BytesIO

from flask import redirect, render_template, request, url_for
from werkzeug.datastructures import FileStorage
from werkzeug.wrappers import Response

from application.authorization import Action
from application.commands.rubrics import PublishRubric
from application.errors import ConflictError
from domain.errors import Problem, RubricDefinitionError
from domain.rubric import Rubric
from domain.rubric_json import content_hash
from domain.rubric_version import RubricVersion
from projections.tables.wording import LEVEL_WORDS
from web.context import queries
from web.errors import PageInputError
from web.pages.admin.blueprint import bp, require
from web.pages.admin.forms import FormState, done_notice
from web.pages.admin.rubric_import import is_spreadsheet, proposal_page
from web.pages.admin.rubric_preview import PERIOD_WORDS, preview_rows
from web.pages.base import handled, page_caller, settled
from web.resources.rubrics.routes import read_upload, summary_json
from web.rubric_words import problems_zh

MAX_FILE = 400 * 1024
"""The largest rubric file previewed (it travels back with the publish form)."""


@bp.get("/rubrics")
def rubrics() -> str:
    """The published rubric versions, and the form to upload a new one."""
    require(Action.PUBLISH_RUBRICS, "rubrics")
    return rubrics_page(FormState())


def rubrics_page(state: FormState, problems: tuple[Problem, ...] = ()) -> str:
    lines = [
        {**summary_json(p.rubric), "retired": p.retired}
        for p in queries().rubrics.with_retired(page_caller())
    ]
    return render_template(
        "admin/rubrics.html",
        lines=lines,
        level_words=LEVEL_WORDS,
        period_words=PERIOD_WORDS,
        problems=problems,
        form=state.values,
        errors=state.errors,
        done=done_notice(),
    )


def published_as(rubric: Rubric) -> RubricVersion | None:
    return queries().rubrics.published_as(rubric)


@bp.post("/rubrics/preview")
def preview() -> str | tuple[str, int]:
    """Check an uploaded rubric file: its problems beside the file field, or its tree."""
    require(Action.PUBLISH_RUBRICS, "rubrics")
    upload, state = request.files.get("file"), FormState()
    data = upload.read(MAX_FILE + 1) if upload and upload.filename else b""
    if not data:
        state.refuse("rubric-file", "请选择一个评分表文件（UTF-8 的 YAML 或 JSON）或 .xlsx 表格。")
    elif len(data) > MAX_FILE:
        state.refuse("rubric-file", f"文件超过 {MAX_FILE // 1024} KB，不像是一个评分表文件。")
    if state:
        return rubrics_page(state), 422
    name = upload.filename if upload and upload.filename else "评分表文件"
    if is_spreadsheet(name, data):
        return proposal_page(data, name, rubrics_page)
    try:
        _, rubric = read_upload(FileStorage(BytesIO(data), filename=name))
    except RubricDefinitionError as error:
        count = len(error.problems)
        state.refuse("rubric-file", f"文件 {name} 中有 {count} 处问题，未发布任何内容：")
        return rubrics_page(state, problems_zh(error.problems)), 422
    digest, existing = content_hash(rubric), published_as(rubric)
    differs = existing is not None and existing.content_hash != digest
    return render_template(
        "admin/rubric_preview.html",
        rubric=rubric,
        rows=preview_rows(rubric),
        digest=digest,
        existing=existing,
        conflict=already_published(rubric) if differs else None,
        file_data=base64.b64encode(data).decode("ascii"),
        filename=name,
        level_words=LEVEL_WORDS,
        period_words=PERIOD_WORDS,
    )


@bp.post("/rubrics/publish")
def publish() -> Response | tuple[str, int]:
    """Publish the previewed file, if it is still what was previewed."""
    require(Action.PUBLISH_RUBRICS, "rubrics")
    try:
        data = base64.b64decode(request.form.get("file_data", ""), validate=True)
    except binascii.Error:
        raise PageInputError("表单缺少预览过的文件内容，请重新上传并预览。") from None
    name = request.form.get("filename", "") or "评分表文件"
    definition, rubric = read_upload(FileStorage(BytesIO(data), filename=name))
    digest = content_hash(rubric)
    if digest != request.form.get("content_hash"):
        raise PageInputError("要发布的内容与预览时不一致，未发布。请重新上传并预览。")
    anchor = f"#rubric-{rubric.code}-{rubric.version}"
    existing = published_as(rubric)
    if existing is not None and existing.content_hash == digest:
        return redirect(url_for("admin.rubrics", done="unchanged") + anchor, code=303)
    try:
        settled(handled(PublishRubric(definition=definition), page_caller()))
    except ConflictError:
        state = FormState()
        state.refuse("rubric-file", already_published(rubric), 409)
        return rubrics_page(state), state.status
    return redirect(url_for("admin.rubrics", done="published") + anchor, code=303)


def already_published(rubric: Rubric) -> str:
    return (
        f"{rubric.code} 第 {rubric.version} 版已经发布，且内容与此文件不同。"
        "已发布的评分表不可更改；如需修改，请在文件中提高版本号（version）后重新上传。"
    )
