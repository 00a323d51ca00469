"""A sheet as an XLSX file, both ways: download it in the paper form's layout with the
caller's layer to fill in; upload it filled (a dry run lists the changes and problems and
stores nothing; otherwise the whole file is saved as one change, or refused whole)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import marshmallow as ma
from flask.views import MethodView
from marshmallow import validate
from werkzeug.datastructures import FileStorage

from web.context import caller, expected_version, queries
from web.downloads import XLSX, attachment
from web.resources.assessments.blueprint import answer, assessment_json, blp
from web.resources.common import ITEM_WRITE, versioned
from web.sheet_upload import SheetUpload, read_upload, save_upload, sheet_book, unit_name
from web.smorest import Upload


class SheetFileSchema(ma.Schema):
    file = Upload(required=True)


class SheetFileFormSchema(ma.Schema):
    reason = ma.fields.String(
        load_default="",
        validate=validate.Length(max=2000),
        metadata={"description": "needed above the self layer"},
    )


class SheetFileQuerySchema(ma.Schema):
    dry_run = ma.fields.Boolean(
        load_default=False, metadata={"description": "list the changes and problems; store nothing"}
    )


@blp.route("/<uuid:aid>/sheet.xlsx")
class SheetFileViews(MethodView):
    @blp.response(200, content_type=XLSX)
    def get(self, aid: UUID) -> Any:
        """The sheet as a workbook: 序号, 评分标准, 分值, the caller's layer to fill in and the
        other layers read-only beside it; a hidden worksheet names the sheet and version."""
        a = queries().assessments.sheet(caller(), aid)
        response = attachment(
            sheet_book(caller(), [a]), XLSX, f"评分表-{unit_name(a)}-{a.period}.xlsx"
        )
        response.headers["ETag"] = f'"{a.version}"'
        return response

    @blp.doc(**ITEM_WRITE)
    @blp.arguments(SheetFileQuerySchema, location="query")
    @blp.arguments(SheetFileSchema, location="files")
    @blp.arguments(SheetFileFormSchema, location="form")
    def post(
        self, query: dict[str, Any], files: dict[str, FileStorage], form: dict[str, Any], aid: UUID
    ) -> Any:
        """Upload the filled workbook (If-Match: the sheet's version it was based on). With
        dry_run, the changes (item, cell, old → new) and every problem (cell, item, what is
        allowed); without, all its changes are saved as one change naming the file (its name
        and SHA-256), or, if any problem is listed, none (422)."""
        upload_file = files["file"]
        expected = expected_version()
        upload = read_upload(
            caller(), upload_file.read(), upload_file.filename or "", aid, expected
        )
        if query["dry_run"] or upload.all_problems:
            return listed(upload, query["dry_run"])
        outcomes = save_upload(upload, caller(write=True), expected, form["reason"])
        if outcomes:
            return answer(outcomes[0])
        a = queries().assessments.sheet(caller(), aid)
        return versioned(assessment_json(a), a.version)


def listed(upload: SheetUpload, dry_run: bool) -> Any:
    """The changes and problems: a dry run's answer, or a refusal (422) when not one."""
    body = upload.to_data(dry_run)
    if dry_run:
        return body, 200
    body |= {"status": 422, "title": "文件有误，未保存任何内容", "detail": _first(body)}
    return body, 422, {"Content-Type": "application/problem+json"}


def _first(body: dict[str, Any]) -> str:
    return "；".join(p["words"] for p in body["problems"][:3])
