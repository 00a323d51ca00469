"""A sheet written as a workbook and read back: whatever scores are typed in the caller's
column, the plan lists exactly the items whose value differs from the layer's, with the
typed value, and nothing else; a value above an item's maximum is the only problem."""

from __future__ import annotations

import io
from decimal import Decimal
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook

from domain.workflow import Layer
from infra.sheet_book.plan import SheetPlan, plan_sheet
from infra.sheet_book.reader import read_sheet_book
from infra.sheet_book.writer import SheetSource, write_sheet_book
from tests.unit.domain.builders import item, section
from tests.unit.domain.builders import rubric as build
from tests.unit.domain.test_assessment import entry, opened, stamp

RUBRIC = build(
    [
        section("一", [item("1", "4"), item("2", "6")]),
        item("9", None, kind="deduction", deductions=[{"id": "x", "text": "扣", "per": "1"}]),
    ]
)
MAXIMA = {"1": 4, "2": 6}
SCORES = st.dictionaries(
    st.sampled_from(["1", "2"]), st.integers(min_value=0, max_value=4).map(Decimal)
)


def row_of(sheet: Any, number: str) -> int:
    rows = sheet.iter_rows(min_col=1, max_col=1)
    return next(cells[0].row for cells in rows if str(cells[0].value) == number)


def round_trip(held: dict[str, Decimal], typed: dict[str, object]) -> SheetPlan:
    a = opened()
    if held:
        stored = {n: entry(str(v)) for n, v in held.items()}
        a.save_sheet(stamp(minute=1), RUBRIC, Layer.SELF, stored)
    data = io.BytesIO()
    write_sheet_book([SheetSource(a, RUBRIC, "一村", Layer.SELF)], data)
    book = load_workbook(io.BytesIO(data.getvalue()))
    for number, value in typed.items():
        book.worksheets[0].cell(row=row_of(book.worksheets[0], number), column=4).value = value
    out = io.BytesIO()
    book.save(out)
    (read,) = read_sheet_book(out.getvalue()).sheets
    return plan_sheet(a, RUBRIC, Layer.SELF, read)


@settings(max_examples=30, deadline=None)
@given(held=SCORES, typed=SCORES)
def test_the_plan_lists_exactly_the_values_typed_differently(
    held: dict[str, Decimal], typed: dict[str, Decimal]
) -> None:
    plan = round_trip(held, {n: float(v) for n, v in typed.items()})
    expected = {n: v for n, v in typed.items() if held.get(n) != v}
    assert plan.problems == []
    assert {n: e.points for n, e in plan.entries.items()} == expected
    assert [c.item for c in plan.changes] == sorted(expected)


@settings(max_examples=15, deadline=None)
@given(number=st.sampled_from(["1", "2"]), over=st.integers(min_value=1, max_value=50))
def test_a_value_above_the_maximum_is_the_one_problem(number: str, over: int) -> None:
    plan = round_trip({}, {number: MAXIMA[number] + over})
    (problem,) = plan.problems
    assert problem.item == number and problem.cell.startswith("D")
    assert f"满分 {MAXIMA[number]} 分" in problem.words
    assert plan.entries == {}


def test_a_deduction_items_cell_takes_no_value() -> None:
    plan = round_trip({}, {"9": 1})
    (problem,) = plan.problems
    assert problem.item == "9" and "请在网页上填写" in problem.words
