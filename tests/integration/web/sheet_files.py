"""Helpers for the sheet-file tests: download a sheet's workbook, fill cells, upload it."""

from __future__ import annotations

import io
from typing import Any
from uuid import UUID

from openpyxl import Workbook, load_workbook
from werkzeug.test import TestResponse

from tests.integration.web.world import World

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download(w: World, user: str, aid: UUID) -> tuple[Workbook, str]:
    """The sheet's workbook as the account downloads it, and its ETag."""
    got = w.client.get(f"/api/v1/assessments/{aid}/sheet.xlsx", headers=w.login(user))
    assert got.status_code == 200, got.get_data(as_text=True)[:300]
    assert got.mimetype == XLSX
    return load_workbook(io.BytesIO(got.data)), got.headers["ETag"]


def item_row(book: Workbook, number: str, worksheet: int = 0) -> int:
    """The row of an item (序号 in column A) on a worksheet."""
    sheet = book.worksheets[worksheet]
    for row in range(1, sheet.max_row + 1):
        if str(sheet.cell(row=row, column=1).value) == number:
            return row
    raise AssertionError(f"item {number} not in the workbook")


def fill(book: Workbook, values: dict[str, Any], worksheet: int = 0) -> dict[str, str]:
    """Type values in column D of the items; the cells typed, by item."""
    cells = {}
    for number, value in values.items():
        row = item_row(book, number, worksheet)
        book.worksheets[worksheet].cell(row=row, column=4).value = value
        cells[number] = f"D{row}"
    return cells


def as_bytes(book: Workbook) -> bytes:
    data = io.BytesIO()
    book.save(data)
    return data.getvalue()


def upload(
    w: World,
    user: str,
    aid: UUID,
    content: bytes,
    version: str,
    dry_run: bool = False,
    reason: str = "",
    name: str = "评分表.xlsx",
) -> TestResponse:
    return w.client.post(
        f"/api/v1/assessments/{aid}/sheet.xlsx",
        query_string={"dry_run": "true"} if dry_run else {},
        data={"file": (io.BytesIO(content), name), "reason": reason},
        headers=w.login(user) | {"If-Match": version},
        content_type="multipart/form-data",
    )
