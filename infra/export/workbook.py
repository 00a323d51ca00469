"""Tables as Excel workbooks laid out like the seed forms: a merged title row, the context
lines (填报单位, 期间 …), the header row, the data rows, then the footer (signature) lines."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from os import PathLike
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import (
    Alignment,
    Border,
    Font,
    PatternFill,
    Side,
)
from openpyxl.utils import get_column_letter

from projections.numbers import Rate, rate_text
from projections.tables.table import Cell, Table

THIN = Side(style="thin")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
WRAP = Alignment(wrap_text=True, vertical="center")
MAX_WIDTH = 60
PERCENT = "0.0%"
"""A rate is a numeric cell holding the share (0.5), shown as the pages show it (50.0%)."""
TITLE_CHARS = 31
"""Excel refuses longer sheet titles."""


def write_xlsx(tables: Table | Sequence[Table], target: str | PathLike[str] | IO[bytes]) -> None:
    """Write one sheet per table; points and rates are numeric cells, text is never read as a
    formula, and control characters a workbook cannot hold (other than tab and newline) are
    dropped."""
    many = [tables] if isinstance(tables, Table) else list(tables)
    book = Workbook()
    book.remove(book.worksheets[0])
    for number, table in enumerate(many, start=1):
        title = table.name if len(many) == 1 else f"{number} {table.name}"
        add_sheet(book.create_sheet(title[:TITLE_CHARS] or "table"), table)
    if not many:
        book.create_sheet("table")
    book.save(target)


def add_sheet(sheet: Any, table: Table) -> None:
    width = max(len(table.columns), 1)
    row = merged_line(sheet, 1, width, table.title, Font(bold=True, size=14), "center")
    for line in table.context:
        row = merged_line(sheet, row, width, line, Font(), "left")
    header = row
    for col, label in enumerate(table.columns, start=1):
        put(sheet.cell(row=header, column=col), label, bold=True, fill=HEADER_FILL)
    for cells in table.rows:
        row += 1
        for col, value in enumerate(cells, start=1):
            put(sheet.cell(row=row, column=col), value)
    row += 2
    for line in table.footer:
        row = merged_line(sheet, row, width, line, Font(), "left")
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    size_columns(sheet, table)
    set_up_printing(sheet, header)


def set_up_printing(sheet: Any, header: int) -> None:
    """A4 landscape, as wide as the page and as long as it takes, with the title, context
    and header rows printed again on every page: what the print view recommends, so a
    workbook printed from Excel or WPS matches the page printed from the browser."""
    sheet.page_setup.orientation = sheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages long as the rows need
    sheet.print_title_rows = f"1:{header}"


def merged_line(sheet: Any, row: int, width: int, text: str, font: Any, align: str) -> int:
    """A line of text across every column; the next free row."""
    cell = sheet.cell(row=row, column=1)
    put(cell, text, border=False)
    cell.font = font
    cell.alignment = Alignment(horizontal=align, vertical="center")
    if width > 1:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
    return row + 1


def put(cell: Any, value: Cell, bold: bool = False, fill: Any = None, border: bool = True) -> None:
    if isinstance(value, str):
        value = ILLEGAL_CHARACTERS_RE.sub("", value)  # control characters XML cannot hold
    cell.value = value / 100 if isinstance(value, Rate) else value
    if isinstance(value, Rate):
        cell.number_format = PERCENT
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # a unit name or progress text is never a formula
    if border:
        cell.border = BOX
        cell.alignment = WRAP
    if bold:
        cell.font = Font(bold=True)
    if fill is not None:
        cell.fill = fill


def size_columns(sheet: Any, table: Table) -> None:
    for col, label in enumerate(table.columns, start=1):
        cells = [label, *(row[col - 1] for row in table.rows)]
        widest = max(display_width(cell) for cell in cells)
        sheet.column_dimensions[get_column_letter(col)].width = min(widest + 2, MAX_WIDTH)


def display_width(cell: Cell) -> int:
    """Columns a cell's text takes: Chinese characters take two."""
    text = "" if cell is None else rate_text(cell) if isinstance(cell, Rate) else str(cell)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
