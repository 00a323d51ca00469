"""Many sheets as one workbook (a town's or county's sheets of a period, one worksheet
each), both ways: the same dry run and summary as one sheet's file, each sheet saved as its
own change, and a problem in any worksheet refusing the whole workbook."""

from __future__ import annotations

from typing import Any

import marshmallow as ma
from flask.views import MethodView
from werkzeug.datastructures import FileStorage

from application.errors import NotFoundError
from web.context import caller
from web.downloads import XLSX, attachment
from web.resources.assessments.blueprint import blp
from web.resources.assessments.sheet_file import (
    SheetFileFormSchema,
    SheetFileQuerySchema,
    SheetFileSchema,
    listed,
)
from web.resources.common import CODE, period_field
from web.sheet_upload import read_upload, save_upload, sheet_book, sheets_of, unit_name


class SheetsFileQuerySchema(ma.Schema):
    unit = ma.fields.String(
        required=True, validate=CODE, metadata={"description": "a town's or county's code"}
    )
    period = period_field(required=True)


@blp.route("/sheets.xlsx")
class SheetsFileViews(MethodView):
    @blp.arguments(SheetsFileQuerySchema, location="query")
    @blp.response(200, content_type=XLSX)
    def get(self, query: dict[str, Any]) -> Any:
        """The sheets of a unit's subtree for a period as one workbook, one worksheet per
        sheet, each with the caller's layer to fill in where it is open."""
        sheets = sheets_of(caller(), query["unit"], query["period"])
        if not sheets:
            raise NotFoundError(f"no sheets of {query['unit']} for {query['period']}")
        name = f"评分表-{unit_name(sheets[0]) if len(sheets) == 1 else query['unit']}"
        return attachment(sheet_book(caller(), sheets), XLSX, f"{name}-{query['period']}.xlsx")

    @blp.arguments(SheetFileQuerySchema, location="query")
    @blp.arguments(SheetFileSchema, location="files")
    @blp.arguments(SheetFileFormSchema, location="form")
    def post(
        self, query: dict[str, Any], files: dict[str, FileStorage], form: dict[str, Any]
    ) -> Any:
        """Upload a filled workbook of many sheets; each is based on the version its worksheet
        was downloaded at. With dry_run, each sheet's changes and every problem; without,
        each sheet with changes is saved as its own change naming the file, or, if any
        problem is listed in any worksheet, none is (422)."""
        upload_file = files["file"]
        upload = read_upload(caller(), upload_file.read(), upload_file.filename or "", None, None)
        if query["dry_run"] or upload.all_problems:
            return listed(upload, query["dry_run"])
        outcomes = save_upload(upload, caller(), None, form["reason"])
        body = upload.to_data(dry_run=False)
        body["saved"] = [
            {"assessment_id": str(o.aggregate.id), "version": o.version} for o in outcomes
        ]
        return body, 200
