"""Tables written as CSV, JSON and Excel read back to the same cells."""

import csv
import io
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from infra.export import write_csv, write_json, write_xlsx
from projections.numbers import Rate
from projections.tables.table import Cell, Table

TABLE = Table(
    name="quarterly",
    title="服务对象100人以下村（社区）退役军人服务站规范建设运行验收情况统计表",
    columns=("序号", "退役军人服务站名称", "得分", "联系人", "联系电话", "备注"),
    rows=(
        (1, "双路村", Decimal(90), "李强", "13900000011", "合格"),
        (2, "滨江社区", Decimal("89.5"), None, "", "不合格"),
        (3, '=HYPERLINK("x")', Decimal("-0.5"), '张敏, "小张"\n', "0123", "一票否决"),
    ),
    context=("填报单位：三合街道", "期间：2023年第二季度"),
    footer=("服务站负责人：　　经办人：　　联系电话：",),
)


def test_csv_holds_the_header_and_the_rows() -> None:
    out = io.StringIO(newline="")
    write_csv(TABLE, out)
    read = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert read[0] == list(TABLE.columns)
    assert read[1:] == [["" if c is None else str(c) for c in row] for row in TABLE.rows]


def test_csv_can_start_with_a_byte_order_mark_for_excel() -> None:
    out = io.StringIO()
    write_csv(TABLE, out, bom=True)
    assert out.getvalue().startswith("\ufeff序号,")


def test_json_holds_the_whole_table_with_exact_points() -> None:
    out = io.StringIO()
    write_json(TABLE, out)
    assert json.loads(out.getvalue()) == TABLE.to_json()
    assert '"89.5"' in out.getvalue()
    assert "双路村" in out.getvalue()


def cells(sheet: Any, row: int, width: int) -> list[object]:
    return [sheet.cell(row=row, column=c).value for c in range(1, width + 1)]


def expected(cell: Cell) -> object:
    return None if cell in (None, "") else cell


def read_back(table: Table, target: Path) -> None:
    """Compare every cell of the workbook with the table, in the seed forms' layout."""
    sheet = load_workbook(target).worksheets[0]
    width = len(table.columns)
    assert sheet.cell(row=1, column=1).value == table.title
    assert f"A1:{chr(64 + width)}1" in {str(r) for r in sheet.merged_cells.ranges}
    for offset, line in enumerate(table.context, start=2):
        assert sheet.cell(row=offset, column=1).value == line
    header = 2 + len(table.context)
    assert cells(sheet, header, width) == list(table.columns)
    for offset, row in enumerate(table.rows, start=header + 1):
        got = cells(sheet, offset, width)
        for value, cell in zip(got, row, strict=True):
            if isinstance(cell, Decimal):
                assert isinstance(value, int | float), (value, cell)
                assert Decimal(str(value)) == cell
            else:
                assert value == expected(cell)
    footer = header + len(table.rows) + 2
    for offset, line in enumerate(table.footer, start=footer):
        assert sheet.cell(row=offset, column=1).value == line


def test_xlsx_is_laid_out_like_the_seed_form(tmp_path: Path) -> None:
    write_xlsx(TABLE, tmp_path / "quarterly.xlsx")
    read_back(TABLE, tmp_path / "quarterly.xlsx")
    sheet = load_workbook(tmp_path / "quarterly.xlsx").worksheets[0]
    assert sheet.title == "quarterly"
    assert sheet.cell(row=6, column=2).data_type == "s"  # text that looks like a formula


def test_xlsx_drops_control_characters_a_workbook_cannot_hold(tmp_path: Path) -> None:
    table = Table("t", "标题", ("进度",), (("第一\x0b第二\n第三\t完",),))
    write_xlsx(table, tmp_path / "t.xlsx")
    assert load_workbook(tmp_path / "t.xlsx").worksheets[0].cell(row=3, column=1).value == (
        "第一第二\n第三\t完"
    )


def test_xlsx_writes_to_a_stream() -> None:
    out = io.BytesIO()
    write_xlsx(TABLE, out)
    out.seek(0)
    assert load_workbook(out).worksheets[0].cell(row=1, column=1).value == TABLE.title


TEXT = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=12)
POINTS = st.decimals(min_value=-200, max_value=200, places=1)
ROWS = st.lists(st.tuples(st.integers(0, 999), TEXT, POINTS, st.none()), max_size=6)


@settings(max_examples=20, deadline=None)
@given(rows=ROWS)
def test_any_table_reads_back_from_csv_and_xlsx(rows: list[tuple[Cell, ...]]) -> None:
    table = Table(
        "t", "标题", ("序号", "名称", "得分", "备注"), tuple(rows), ("期间：",), ("经办人：",)
    )
    out = io.StringIO(newline="")
    write_csv(table, out)
    read = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert len(read) == 1 + len(rows)
    for got, row in zip(read[1:], rows, strict=True):
        assert got[:2] == [str(row[0]), row[1]] and got[3] == ""
        assert Decimal(got[2]) == row[2]  # the same number, written without trailing zeros
    book = io.BytesIO()
    write_xlsx(table, book)
    book.seek(0)
    sheet = load_workbook(book).worksheets[0]
    for offset, row in enumerate(rows, start=4):
        got = cells(sheet, offset, 4)
        assert got[0] == row[0]
        assert got[1] == row[1]
        assert Decimal(str(got[2])) == row[2]


RATES = Table(
    name="compliance",
    title="达标率统计表",
    columns=("单位", "达标率(%)", "差距(百分点)"),
    rows=(("甲镇", Rate("33.3"), Decimal("-16.70")), ("合计", Rate(50), Decimal(0))),
)


def test_a_rate_reads_as_a_rate_in_csv_and_xlsx(tmp_path: Path) -> None:
    """The CSV writes 33.3% and 50.0%; the workbook holds the share (0.333) shown as 0.0%,
    so both read as the page does, and gaps in percentage points stay plain numbers."""
    out = io.StringIO(newline="")
    write_csv(RATES, out)
    assert list(csv.reader(io.StringIO(out.getvalue())))[1:] == [
        ["甲镇", "33.3%", "-16.7"],
        ["合计", "50.0%", "0"],
    ]
    write_xlsx(RATES, tmp_path / "t.xlsx")
    sheet = load_workbook(tmp_path / "t.xlsx").active
    assert sheet is not None
    cells = [row[1] for row in sheet.iter_rows(min_row=3)]
    assert [(c.value, c.number_format) for c in cells] == [(0.333, "0.0%"), (0.5, "0.0%")]
