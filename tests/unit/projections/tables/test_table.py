"""The table type: rows fit the columns, and JSON keeps points exact."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from projections.tables.table import Table


def test_json_writes_points_as_decimal_text() -> None:
    table = Table("t", "标题", ("序号", "得分", "备注"), ((1, Decimal("89.5"), None),), ("期间：",))
    assert table.to_json() == {
        "name": "t",
        "title": "标题",
        "context": ["期间："],
        "columns": ["序号", "得分", "备注"],
        "rows": [[1, "89.5", None]],
        "footer": [],
    }


def test_refuses_a_row_that_does_not_fit_the_columns() -> None:
    with pytest.raises(ValueError, match="row 2 has 1 cells for 2 columns"):
        Table("t", "标题", ("a", "b"), (("x", "y"), ("z",)))


def test_context_lines_can_be_added_after_building() -> None:
    table = Table("t", "标题", ("a",), (), ("填报单位：甲",)).with_context("数据截至：2023-07-01")
    assert table.context == ("填报单位：甲", "数据截至：2023-07-01")


@given(st.lists(st.decimals(allow_nan=False, allow_infinity=False), max_size=5))
def test_json_points_read_back_equal(points: list[Decimal]) -> None:
    table = Table("t", "标题", ("得分",), tuple((p,) for p in points))
    assert [Decimal(row[0]) for row in table.to_json()["rows"]] == points
    assert table.column("得分") == tuple(points)
