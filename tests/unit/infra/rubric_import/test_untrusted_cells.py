"""Cells are never trusted to be what they look like: points typed as text or in full-width
digits are read, anything else in 分值 (words, formulas, dates, true/false) refuses the
file naming the cell, and hidden rows are left out and said."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from infra.rubric_import.problems import SpreadsheetRefusedError
from infra.rubric_import.proposal import Metadata, Proposal, propose_from_file
from tests.unit.infra.rubric_import.tables import sheet_of, xlsx_bytes

HEADER = ["项目", "序号", "工作标准", "分值", "得分"]


def table(*points: object, hide: int | None = None) -> bytes:
    rows: list[list[object]] = [HEADER]
    rows += [
        ["（一）\n组织领导" if n == 1 else "", n, f"标准{n}。", p, ""]
        for n, p in enumerate(points, 1)
    ]
    book = sheet_of(rows, "评分表", merged=(0,))
    if hide is not None:
        book.active.row_dimensions[hide].hidden = True  # type: ignore[union-attr]
    return xlsx_bytes(book)


def propose(data: bytes) -> Proposal:
    return propose_from_file(data, "table.xlsx", Metadata())


def refusal(data: bytes) -> list[str]:
    with pytest.raises(SpreadsheetRefusedError) as refused:
        propose(data)
    return [str(p) for p in refused.value.problems]


def maxima(proposal: Proposal) -> list[object]:
    return [item["max"] for item in proposal.definition["nodes"][0]["children"]]


def test_points_typed_as_text_in_full_width_digits_or_with_分_are_read_exactly() -> None:
    proposal = propose(table("2", "２", "1.5分", " ０．５ ", 1.5))
    assert maxima(proposal) == [
        Decimal(2),
        Decimal(2),
        Decimal("1.5"),
        Decimal("0.5"),
        Decimal("1.5"),
    ]
    assert proposal.valid


def test_a_chinese_numeral_in_分值_refuses_the_file_naming_the_cell() -> None:
    assert refusal(table(2, "五")) == [
        "Sheet1!D4: 分值 '五' is not a number; write the points as digits, such as 2 or 0.5"
    ]


def test_a_formula_a_date_or_true_in_分值_refuses_the_file_naming_each_cell() -> None:
    problems = refusal(table("=1+1", datetime(2024, 1, 5), True))
    assert [p.split(":")[0] for p in problems] == ["Sheet1!D3", "Sheet1!D4", "Sheet1!D5"]
    assert "is a formula (=1+1)" in problems[0]


def test_a_hidden_row_is_not_read_and_is_listed_to_settle() -> None:
    proposal = propose(table(2, 3, 1, hide=4))
    assert maxima(proposal) == [Decimal(2), Decimal(1)]
    assert any(n.where == "Sheet1!4" and "hidden" in n.message for n in proposal.settle)


def test_a_file_that_is_not_a_workbook_or_has_no_standards_column_is_refused() -> None:
    assert refusal(b"not a workbook")[0].startswith("table.xlsx: not a readable .xlsx")
    no_header = xlsx_bytes(sheet_of([["序号", "内容"], [1, "x"]], "表"))
    assert "no header row with a standards column" in refusal(no_header)[0]


@settings(max_examples=25)
@given(st.decimals(min_value=0, max_value=100, places=2))
def test_any_points_with_two_places_typed_as_text_are_read_as_the_same_decimal(
    points: Decimal,
) -> None:
    proposal = propose(table(str(points)))
    assert maxima(proposal) == [points]


def test_item_numbers_typed_as_full_width_text_or_as_decimals_are_read_as_printed() -> None:
    rows: list[list[object]] = [["序号", "工作标准", "分值"], ["１", "一。", 1], [2.0, "二。", 1]]
    rows += [[" 3、", "三。", 1], [65.3, "四。", 1]]
    proposal = propose(xlsx_bytes(sheet_of(rows, "表")))
    assert [n["number"] for n in proposal.definition["nodes"]] == ["1", "2", "3", "65.3"]


sections = st.lists(
    st.lists(
        st.integers(min_value=1, max_value=20).map(lambda n: Decimal(n) / 2), min_size=1, max_size=5
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=20, deadline=None)
@given(sections)
def test_any_table_of_sections_gives_its_items_maxima_and_sums(points: list[list[Decimal]]) -> None:
    rows: list[list[object]] = [HEADER]
    number = 0
    for index, section in enumerate(points, 1):
        for position, value in enumerate(section):
            number += 1
            label = f"（{index}）\n部分{index}" if position == 0 else ""
            rows.append([label, number, f"标准{number}。", str(value), ""])
    proposal = propose(xlsx_bytes(sheet_of(rows, "评分表", merged=(0,))))
    nodes = proposal.definition["nodes"]
    assert [(s["number"], s["title"]) for s in nodes] == [
        (f"（{i}）", f"部分{i}") for i in range(1, len(points) + 1)
    ]
    assert [[i["max"] for i in s["children"]] for s in nodes] == points
    assert [s["max"] for s in nodes] == [sum(section, Decimal(0)) for section in points]
    assert proposal.definition["base_max"] == sum(map(sum, points), Decimal(0))
    assert proposal.valid
