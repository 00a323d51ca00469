"""Scoring tables typed into spreadsheets: each seed's table is kept as tab-separated rows
(tests/data/rubric_tables/*.tsv, a cell's line breaks written as \\n) and turned into an
.xlsx here the way a clerk types it: a title row, the header, and the section columns as
merged cells running down to the next label."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

TABLES = Path(__file__).parents[3] / "data" / "rubric_tables"


def rows_of(name: str) -> list[list[str]]:
    text = (TABLES / f"{name}.tsv").read_text(encoding="utf-8")
    return [[c.replace("\\n", "\n") for c in line.split("\t")] for line in text.splitlines()]


def sheet_of(rows: list[list[object]], title: str, merged: tuple[int, ...] = ()) -> Workbook:
    """A workbook whose first sheet holds the title in A1 and the rows from row 2; the
    columns `merged` (0-based) are merged from each label down over the blank cells below."""
    book = Workbook()
    sheet = book.active
    assert isinstance(sheet, Worksheet)
    sheet.title = "Sheet1"
    sheet["A1"] = title
    for offset, row in enumerate(rows):
        for col, value in enumerate(row):
            if value not in ("", None):
                sheet.cell(offset + 2, col + 1, value)
    for col in merged:
        merge_down(sheet, col + 1, 2, len(rows) + 1)
    return book


def merge_down(sheet: Worksheet, col: int, first: int, last: int) -> None:
    start = None
    for row in range(first, last + 2):
        filled = row > last or sheet.cell(row, col).value is not None
        if filled and start is not None and row - 1 > start:
            sheet.merge_cells(start_row=start, start_column=col, end_row=row - 1, end_column=col)
        if filled:
            start = row if row <= last else None


def xlsx_bytes(book: Workbook) -> bytes:
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def seed_xlsx(name: str, title: str, merged: tuple[int, ...]) -> bytes:
    return xlsx_bytes(sheet_of(list(rows_of(name)), title, merged))
