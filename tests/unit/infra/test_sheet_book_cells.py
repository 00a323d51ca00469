"""A cell's number, whatever type the spreadsheet gave it: numbers and numbers typed as text
(also full-width) read the same; formulas, dates, yes/no and words are refused."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import Workbook

from infra.sheet_book.cells import CellError, cell_number

AMOUNTS = st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False)


def cell_with(value: object) -> object:
    cell = Workbook().active.cell(row=1, column=1)
    cell.value = value
    return cell


def full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if c.isdigit() or c == "." else c for c in text)


@given(AMOUNTS)
def test_a_number_reads_the_same_as_a_number_as_text_or_in_full_width(amount: Decimal) -> None:
    text = format(amount, "f")
    assert cell_number(cell_with(float(text))) == amount
    assert cell_number(cell_with(text)) == amount
    assert cell_number(cell_with(f" {full_width(text)} ")) == amount


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("=SUM(A1:A2)", "公式"),
        ("3分", "请只填数字"),
        ("1e3", "请只填数字"),
        (True, "逻辑值"),
        (datetime(2023, 1, 1), "日期"),
        (float("inf"), "有限"),
    ],
)
def test_anything_else_is_refused_saying_what_is_allowed(value: object, words: str) -> None:
    with pytest.raises(CellError, match=words):
        cell_number(cell_with(value))


def test_an_empty_cell_or_blank_text_is_no_value() -> None:
    assert cell_number(cell_with(None)) is None
    assert cell_number(cell_with("  ")) is None
