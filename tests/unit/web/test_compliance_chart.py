"""The compliance chart of a quarter finds the year's other quarters of the same table (unit,
rubric, how passing is counted), although a rubric with deadlines names each quarter's
deadlines, and a quarter's disqualified stations, in its notes."""

from __future__ import annotations

from decimal import Decimal

from projections.tables import Table
from projections.tables.compliance import COLUMNS
from web.pages.reports.chart import compliance_chart

D = Decimal
TARGETS = {1: D(25), 2: D(50), 3: D(75), 4: D(100)}
QUARTER_WORDS = {1: "第一季度", 2: "第二季度", 3: "第三季度", 4: "第四季度"}
DUE = {1: "2023-03-31", 2: "2023-06-30", 3: "2023-09-30", 4: "2023-12-31"}


def table(quarter: int, unit: str = "桥安县", disqualified: bool = False) -> Table:
    total = ("合计", 6, 4, 3, D("50.0"), TARGETS[quarter], None, 3, D("50.0"), None)
    context = (
        f"填报单位：{unit}",
        f"期间：2023年{QUARTER_WORDS[quarter]}",
        "评分表：丰都",
        "口径：达标指已验收且总分不低于90分",
        f"及时率＝按时报送数÷服务站数；按时指首次提交不晚于提交截止日 {DUE[quarter]}",
        *(("一票否决（弄虚作假），不计达标：双路村",) if disqualified else ()),
    )
    return Table("compliance", "达标率统计表", COLUMNS, (total,), context)


def test_each_quarter_of_the_same_table_sets_its_target_though_its_notes_differ() -> None:
    def fetch(period: str) -> list[Table]:
        quarter = int(period[-1])
        return [table(quarter, unit="城关县"), table(quarter)]

    chart = compliance_chart(table(2, disqualified=True), fetch)
    assert chart is not None
    assert [p.target for p in chart.points] == [D(25), D(50), D(75), D(100)]


def test_another_unit_s_table_is_not_taken_for_a_quarter() -> None:
    chart = compliance_chart(table(2), lambda period: [table(int(period[-1]), unit="城关县")])
    assert chart is not None
    assert [p.target for p in chart.points] == [None, D(50), None, None]
