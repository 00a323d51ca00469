"""Downloaded tables print and read as a clerk expects: workbooks on A4 landscape, fitted to
the page's width with the header repeated on every page; a CSV of several tables names each."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from pathlib import Path

from openpyxl import load_workbook

from infra.export import write_csv_tables, write_xlsx
from tests.unit.infra.test_export import TABLE


def test_each_worksheet_prints_on_a4_landscape_fitted_to_the_width(tmp_path: Path) -> None:
    target = tmp_path / "two.xlsx"
    write_xlsx([TABLE, replace(TABLE, context=("填报单位：滨江街道",))], target)
    for sheet in load_workbook(target).worksheets:
        assert sheet.page_setup.orientation == "landscape"
        assert str(sheet.page_setup.paperSize) == sheet.PAPERSIZE_A4  # 9: A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert (sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight) == (1, 0)


def test_the_title_context_and_header_repeat_on_every_printed_page(tmp_path: Path) -> None:
    target = tmp_path / "one.xlsx"
    write_xlsx(TABLE, target)
    sheet = load_workbook(target).worksheets[0]
    header = 1 + len(TABLE.context) + 1
    assert sheet.print_title_rows == f"$1:${header}"
    assert [c.value for c in sheet[header]] == list(TABLE.columns)


def test_a_csv_of_several_tables_titles_each_with_a_blank_row_between() -> None:
    other = replace(TABLE, context=("填报单位：滨江街道", "期间：2023年第二季度"))
    out = io.StringIO(newline="")
    write_csv_tables([TABLE, other], out)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    size = 2 + len(TABLE.rows)
    first, blank, second = rows[:size], rows[size], rows[size + 1 : 2 * size + 1]
    assert first[0] == [TABLE.title, *TABLE.context]
    assert first[1] == list(TABLE.columns)
    assert blank == []
    assert second[0] == [other.title, *other.context]
    assert second[1] == list(TABLE.columns)
    assert len(rows) == 2 * size + 1


def test_a_csv_of_one_table_stays_plain_data_under_its_header() -> None:
    out = io.StringIO(newline="")
    write_csv_tables([TABLE], out)
    rows = list(csv.reader(io.StringIO(out.getvalue(), newline="")))
    assert rows[0] == list(TABLE.columns) and len(rows) == 1 + len(TABLE.rows)
