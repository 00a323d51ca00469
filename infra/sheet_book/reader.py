"""Reading a sheet workbook back: which sheet each worksheet holds (from the hidden identity
worksheet), and each item's value in the caller's column, every cell checked. Nothing here
decides what changes: `plan` compares the values with the sheet."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO
from typing import Any
from zipfile import BadZipFile

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from infra.sheet_book import layout as at
from infra.sheet_book.cells import CellError, cell_number

NOT_OURS = (
    "这不是从本系统下载的评分表文件（缺少评分表标识）。"
    "请在评分表页面下载表格，填写后上传同一个文件。"
)
UNREADABLE = "文件无法作为 xlsx 工作簿打开。请上传从本系统下载、用 Excel 或 WPS 保存的 .xlsx 文件。"


@dataclass(frozen=True)
class Problem:
    """Why a file (or one cell of it) is refused, in Chinese; `cell` like "D12"."""

    words: str
    worksheet: str = ""
    cell: str = ""
    item: str = ""

    def to_data(self) -> dict[str, str]:
        return {
            "worksheet": self.worksheet,
            "cell": self.cell,
            "item": self.item,
            "words": self.words,
        }


@dataclass(frozen=True)
class Value:
    """An item's value as typed in the caller's column."""

    item: str
    cell: str
    number: Decimal | None


@dataclass
class SheetRead:
    """One worksheet read: which sheet it is, the values typed, what is wrong in it."""

    identity: at.SheetIdentity
    values: list[Value] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


@dataclass
class BookRead:
    sheets: list[SheetRead] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    """Problems of the whole file (not ours, unreadable)."""


def read_sheet_book(content: bytes) -> BookRead:
    try:
        book = load_workbook(BytesIO(content), data_only=False)
    except (BadZipFile, KeyError, OSError, ValueError, TypeError):
        return BookRead(problems=[Problem(UNREADABLE)])
    identities = _identities(book)
    if identities is None:
        return BookRead(problems=[Problem(NOT_OURS)])
    read = BookRead()
    for identity in identities:
        if identity.worksheet not in book.sheetnames:
            read.problems.append(
                Problem(f"缺少工作表「{identity.worksheet}」；请不要删除或改名工作表。")
            )
            continue
        read.sheets.append(_read_sheet(book[identity.worksheet], identity))
    return read


def _identities(book: Any) -> list[at.SheetIdentity] | None:
    if at.IDENTITY_SHEET not in book.sheetnames:
        return None
    cells = [row[0] for row in book[at.IDENTITY_SHEET].iter_rows(values_only=True) if row]
    if not cells or cells[0] != at.MARK:
        return None
    try:
        found = [at.SheetIdentity.from_cell(cell) for cell in cells[1:] if cell is not None]
    except (TypeError, ValueError, KeyError):
        return None
    return found or None


def _read_sheet(sheet: Any, identity: at.SheetIdentity) -> SheetRead:
    read = SheetRead(identity)
    name = identity.worksheet
    column = get_column_letter(at.INPUT_COL)
    if sheet.column_dimensions[column].hidden:
        read.problems.append(Problem(f"{column} 列被隐藏了；请取消隐藏后再上传。", name, column))
    for merged in sheet.merged_cells.ranges:
        if _covers_items(sheet, merged, identity.header_row):
            words = f"{merged.coord} 是合并单元格；填写列不能合并，请取消合并。"
            read.problems.append(Problem(words, name, merged.coord))
    seen: dict[str, str] = {}
    for row in range(identity.header_row + 1, sheet.max_row + 1):
        _read_row(sheet, row, read, seen)
    return read


def _covers_items(sheet: Any, merged: Any, header_row: int) -> bool:
    """Whether a merged range takes in the input cell of an item's row (a footer line
    merged across the page does not)."""
    if not merged.min_col <= at.INPUT_COL <= merged.max_col:
        return False
    rows = range(max(merged.min_row, header_row + 1), merged.max_row + 1)
    return any(sheet.cell(row=r, column=at.NUMBER_COL).value not in (None, "") for r in rows)


def _read_row(sheet: Any, row: int, read: SheetRead, seen: dict[str, str]) -> None:
    name = read.identity.worksheet
    raw = sheet.cell(row=row, column=at.NUMBER_COL).value
    if raw is None or str(raw).strip() == "":
        return  # a section heading, a blank or a footer line
    item = _item_number(raw)
    cell = sheet.cell(row=row, column=at.INPUT_COL)
    where = cell.coordinate
    if item in seen:
        read.problems.append(
            Problem(f"第 {item} 项出现了两次（{seen[item]} 和 {where}）。", name, where, item)
        )
        return
    seen[item] = where
    if sheet.row_dimensions[row].hidden:
        read.problems.append(
            Problem(f"第 {row} 行（第 {item} 项）被隐藏了；请取消隐藏后再上传。", name, where, item)
        )
        return
    try:
        read.values.append(Value(item, where, cell_number(cell)))
    except CellError as wrong:
        read.problems.append(Problem(f"{where}（第 {item} 项）{wrong}", name, where, item))


def _item_number(raw: object) -> str:
    """序号 as the rubric writes it: a whole number read back from a numeric cell is "12"."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return str(raw).strip()
