"""The progress table of seed 004 (Zaozhuang): the indicator tree with targets and progress.
Task point 1.5 (优待证申领) has the numeric target 完成率不低于80%: 80 meets it, 79.9 does not."""

from decimal import Decimal

import pytest

from projections.tables.progress import progress_table
from projections.tables.table import Table
from tests.unit.projections.tables.builders import builtin, sheet

ZAOZHUANG = builtin("zaozhuang-city-centre")
CENTRE = "枣庄市退役军人服务中心"


def line(table: Table, number: str) -> dict[str, object]:
    row = next(r for r in table.rows if r[1] == number)
    return dict(zip(table.columns, row, strict=True))


@pytest.mark.parametrize(("value", "verdict"), [("80", "达成"), ("79.9", "未达成"), ("93", "达成")])
def test_the_numeric_target_is_met_at_eighty_percent(value: str, verdict: str) -> None:
    row = sheet(ZAOZHUANG, "ZZ", "2022", review={"1.5": {"progress": "申请完成率", "value": value}})
    found = line(progress_table(ZAOZHUANG, row, CENTRE), "1.5")
    assert (found["数值目标"], found["实测值"], found["目标达成"]) == (
        ">= 80.0%",
        Decimal(value),
        verdict,
    )


def test_a_numeric_target_without_a_value_is_not_measured() -> None:
    row = sheet(ZAOZHUANG, "ZZ", "2022", own={"1.5": {"progress": "已转入发卡阶段"}})
    found = line(progress_table(ZAOZHUANG, row, CENTRE), "1.5")
    assert (found["完成进度情况"], found["目标达成"]) == ("已转入发卡阶段", "未测量")
    assert line(progress_table(ZAOZHUANG, row, CENTRE), "1.1")["目标达成"] is None


def test_the_tree_is_listed_in_order_with_depths_and_maxima() -> None:
    t = progress_table(ZAOZHUANG, None, CENTRE)
    numbers = ("一", "1", *(f"1.{n}" for n in range(1, 9)), "2", "2.1", "2.2", "2.3")
    assert t.column("序号") == numbers
    assert t.column("层级") == (1, 2, *([3] * 8), 2, 3, 3, 3)
    assert t.rows[0][2:4] == ("围绕中心履职尽责", Decimal(400))
    assert line(t, "2")["分值"] == Decimal(50)
    assert line(t, "1.1")["年度目标"] == ZAOZHUANG.items_by_number["1.1"].target
    assert t.title.endswith("完成进度情况")


def test_progress_comes_from_the_highest_layer() -> None:
    row = sheet(
        ZAOZHUANG,
        "ZZ",
        "2022",
        own={"1.2": {"progress": "自报"}},
        review={"1.2": {"progress": "核定"}},
    )
    t = progress_table(ZAOZHUANG, row, CENTRE)
    assert line(t, "1.2")["完成进度情况"] == "核定"
    assert t.context == (f"被考核单位：{CENTRE}", "期间：2022年度")
