"""A sheet (or several) as a workbook laid out like the paper form: title, the unit and
period, 序号 / 评分标准 / 分值, the caller's layer to fill in (the only unlocked column) and
the layers as they stand beside it, read-only; a hidden worksheet names each sheet."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill, Protection
from openpyxl.utils import get_column_letter

from domain.assessment import Assessment
from domain.rubric import Item, Rubric, Section
from domain.workflow import Layer
from infra.export.workbook import (
    HEADER_FILL,
    TITLE_CHARS,
    merged_line,
    put,
    set_up_printing,
)
from infra.sheet_book import layout as at
from infra.sheet_book.editable import editable_field
from projections.entry_words import entry_words, plain
from projections.tables.periods import period_label
from projections.tables.wording import LAYER_WORDS

INPUT_FILL = PatternFill("solid", fgColor="FFF2CC")
CLOSED_FILL = PatternFill("solid", fgColor="EEEEEE")
WIDTHS = {at.NUMBER_COL: 8, at.STANDARD_COL: 60, at.MAX_COL: 8, at.INPUT_COL: 16}


@dataclass(frozen=True)
class SheetSource:
    """One sheet to write: the assessment as the caller read it, its rubric, the assessed
    unit's name, and the layer the caller writes (None: nothing to fill in)."""

    assessment: Assessment
    rubric: Rubric
    unit_name: str
    layer: Layer | None


def write_sheet_book(sources: Sequence[SheetSource], target: IO[bytes]) -> None:
    """One worksheet per sheet, then the hidden identity worksheet."""
    book = Workbook()
    book.remove(book.worksheets[0])
    marks: list[at.SheetIdentity] = []
    for number, source in enumerate(sources, start=1):
        name = source.unit_name if len(sources) == 1 else f"{number} {source.unit_name}"
        sheet = book.create_sheet(_title(name, number))
        header = _write_sheet(sheet, source)
        a = source.assessment
        marks.append(at.SheetIdentity(sheet.title, a.id, a.version, source.layer, header))
    identity = book.create_sheet(at.IDENTITY_SHEET)
    identity.append((at.MARK,))
    for mark in marks:
        identity.append((mark.to_cell(),))
    identity.sheet_state = "hidden"
    book.save(target)


def _title(name: str, number: int) -> str:
    cleaned = "".join(" " if ch in "[]:*?/\\" else ch for ch in name).strip("' ")
    return cleaned[:TITLE_CHARS] or f"sheet {number}"


def _columns(source: SheetSource) -> list[Layer]:
    a = source.assessment
    return [la for la in Layer if a.layers[la.value] or la is source.layer]


def _write_sheet(sheet: Any, source: SheetSource) -> int:
    layers = _columns(source)
    width = at.FIRST_LAYER_COL - 1 + len(layers)
    row = merged_line(sheet, 1, width, source.rubric.title, Font(bold=True, size=14), "center")
    for line in _context(source):
        row = merged_line(sheet, row, width, line, Font(), "left")
    header = row
    own = f"{LAYER_WORDS[source.layer.value]}得分（填写）" if source.layer else "（不可填写）"
    labels = ["序号", "评分标准", "分值", own] + [
        f"{LAYER_WORDS[la.value]}（现有）" for la in layers
    ]
    for col, label in enumerate(labels, start=1):
        put(sheet.cell(row=header, column=col), label, bold=True, fill=HEADER_FILL)
    for node in _walk(source.rubric.nodes):
        row += 1
        if isinstance(node, Section):
            put(sheet.cell(row=row, column=at.STANDARD_COL), f"{node.number} {node.title}", True)
            continue
        _write_item(sheet, row, node, source, layers)
    _footer(sheet, row + 2, width, source)
    for col in range(1, width + 1):
        sheet.column_dimensions[get_column_letter(col)].width = WIDTHS.get(col, 24)
    sheet.freeze_panes = sheet.cell(row=header + 1, column=at.INPUT_COL)
    sheet.protection.sheet = True  # only the caller's column is left unlocked
    set_up_printing(sheet, header)
    return header


def _context(source: SheetSource) -> list[str]:
    a = source.assessment
    return [
        f"被考核单位：{source.unit_name}",
        f"考核期间：{period_label(a.period)}",
        f"评分表：{source.rubric.title}（第 {source.rubric.version} 版）",
        f"下载时为第 {a.version} 版记录",
    ]


def _walk(nodes: Sequence[Section | Item]) -> Iterator[Section | Item]:
    for node in nodes:
        yield node
        if isinstance(node, Section):
            yield from _walk(node.children)


def _write_item(sheet: Any, row: int, item: Item, source: SheetSource, layers: list[Layer]) -> None:
    a = source.assessment
    put(sheet.cell(row=row, column=at.NUMBER_COL), item.number)
    field = editable_field(item) if source.layer else None
    hint = "（本项填写完成率，如 85 表示 85.0%）" if field == "rate" else ""
    put(sheet.cell(row=row, column=at.STANDARD_COL), item.standard + hint)
    put(sheet.cell(row=row, column=at.MAX_COL), item.max_points)
    cell = sheet.cell(row=row, column=at.INPUT_COL)
    if field is None or source.layer is None:
        put(cell, None, fill=CLOSED_FILL)
    else:
        held = a.layers[source.layer.value].get(item.number) or {}
        put(cell, held.get(field), fill=INPUT_FILL)
        cell.protection = Protection(locked=False)
    for col, layer in enumerate(layers, start=at.FIRST_LAYER_COL):
        data = a.layers[layer.value].get(item.number)
        shown = plain(data["points"]) if data and set(data) == {"points"} else None
        put(sheet.cell(row=row, column=col), shown or (entry_words(data, item) if data else ""))


def _footer(sheet: Any, row: int, width: int, source: SheetSource) -> None:
    if source.layer is None:
        lines = ["本表仅供查阅：您所在层级当前不能修改此评分表。"]
    else:
        lines = [
            "填写说明：只填写黄色的一列（数字，如 1 或 1.5；不要公式、单位或其他文字）；"
            "灰色的项目（扣分、加分、一票否决等）请在网页上填写。",
            "填好后在评分表页面上传本文件，先预览将要修改的内容，确认后再保存。",
        ]
    for line in lines:  # from column B: an item's row is one with 序号 in column A
        put(sheet.cell(row=row, column=at.STANDARD_COL), line, border=False)
        sheet.merge_cells(
            start_row=row, start_column=at.STANDARD_COL, end_row=row, end_column=width
        )
        row += 1
