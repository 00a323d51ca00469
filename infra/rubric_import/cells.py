"""The cells of a worksheet as the import reads them: merged cells give their value to every
cell they cover, hidden rows and columns are left out (and said), and nothing is trusted to
be the type it looks like."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from infra.rubric_import.problems import Note

FULL_WIDTH = str.maketrans("０１２３４５６７８９．", "0123456789.")
POINTS = re.compile(r"^(\d+(?:\.\d+)?)\s*分?$")


@dataclass(frozen=True)
class Cell:
    """A cell's value where the import reads it; `block` is the merged range it lies in."""

    ref: str
    value: Any
    block: str | None = None
    block_rows: int = 1

    @property
    def formula(self) -> bool:
        """A formula as openpyxl keeps it (its text, or an array or table formula)."""
        if isinstance(self.value, str):
            return self.value.startswith("=")
        return type(self.value).__name__ in ("ArrayFormula", "DataTableFormula")

    @property
    def text(self) -> str:
        """The cell as text, lines joined; numbers written without a trailing .0."""
        if self.value is None:
            return ""
        if isinstance(self.value, float) and self.value.is_integer():
            return str(int(self.value))
        return "".join(line.strip() for line in str(self.value).splitlines()).strip()

    @property
    def lines(self) -> list[str]:
        return [line.strip() for line in str(self.value or "").splitlines() if line.strip()]


@dataclass
class Grid:
    """The visible rows of one worksheet, each a list of cells by column."""

    sheet: str
    rows: list[tuple[int, list[Cell]]]
    hidden: list[Note]


def read_grid(sheet: Worksheet) -> Grid:
    blocks: dict[tuple[int, int], tuple[str, int, Any]] = {}
    for merged in sheet.merged_cells.ranges:
        top = sheet.cell(merged.min_row, merged.min_col).value
        height = merged.max_row - merged.min_row + 1
        for row in range(merged.min_row, merged.max_row + 1):
            for col in range(merged.min_col, merged.max_col + 1):
                blocks[(row, col)] = (merged.coord, height, top)
    hidden: list[Note] = []
    columns = [
        col for col in range(1, sheet.max_column + 1) if not hidden_column(sheet, col, hidden)
    ]
    rows: list[tuple[int, list[Cell]]] = []
    for row in range(1, sheet.max_row + 1):
        cells = [cell_at(sheet, row, col, blocks) for col in columns]
        if sheet.row_dimensions[row].hidden:
            if any(c.value is not None for c in cells):
                hidden.append(hidden_row(sheet.title, row))
            continue
        rows.append((row, cells))
    return Grid(sheet.title, rows, hidden)


def cell_at(
    sheet: Worksheet, row: int, col: int, blocks: dict[tuple[int, int], tuple[str, int, Any]]
) -> Cell:
    ref = f"{sheet.title}!{get_column_letter(col)}{row}"
    if (row, col) in blocks:
        coord, height, value = blocks[(row, col)]
        return Cell(ref, value, coord, height)
    return Cell(ref, sheet.cell(row, col).value)


def hidden_column(sheet: Worksheet, col: int, hidden: list[Note]) -> bool:
    letter = get_column_letter(col)
    if not sheet.column_dimensions[letter].hidden:
        return False
    hidden.append(
        Note(
            f"{sheet.title}!{letter}",
            "the column is hidden and was not read; unhide it if it belongs to the table",
            "该列被隐藏，未读取；如属于评分表，请取消隐藏后重新导入",
        )
    )
    return True


def hidden_row(sheet: str, row: int) -> Note:
    return Note(
        f"{sheet}!{row}",
        "the row is hidden and was not read; unhide it if it belongs to the table",
        "该行被隐藏，未读取；如属于评分表，请取消隐藏后重新导入",
    )


def points_of(cell: Cell, header: str) -> Decimal | Note:
    """The points in a cell: a number, or a number typed as text (full-width digits and a
    trailing 分 allowed); anything else is a Note naming the cell."""
    value = cell.value
    if isinstance(value, (bool, datetime, date, time)):
        return not_points(cell, header, str(value))
    if isinstance(value, int):
        found: str | None = str(value)
    elif isinstance(value, float):
        found = repr(value)
    else:
        match = POINTS.match(cell.text.translate(FULL_WIDTH))
        found = match.group(1) if match else None
    try:
        points = Decimal(found) if found is not None else None
    except InvalidOperation:
        points = None
    if points is None or points < 0 or points.as_tuple().exponent < -2:  # type: ignore[operator]
        return not_points(cell, header, cell.text)
    return points.normalize() if points != points.to_integral() else points.quantize(Decimal(1))


def not_points(cell: Cell, header: str, shown: str) -> Note:
    return Note(
        cell.ref,
        f"{header} '{shown}' is not a number; write the points as digits, such as 2 or 0.5",
        f"{header} “{shown}” 不是数字；分值请写成阿拉伯数字，如 2 或 0.5",
    )


def formula_refused(cell: Cell, header: str) -> Note:
    return Note(
        cell.ref,
        f"{header} is a formula ({cell.value}); type the value itself",
        f"{header} 是公式（{cell.value}），请直接填写数值",
    )
