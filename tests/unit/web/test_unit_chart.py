"""The per-unit compliance chart: one bar per unit, as long as its rate, the target line at
the target, and a unit that has accepted nothing says so instead of showing 0 %."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from projections.tables import Table
from projections.tables.compliance import COLUMNS
from web.pages.reports.unit_chart import LEFT, PLOT_W, units_chart

D = Decimal


def row(name: str, stations: int, assessed: int, passed: int, rate: str | None) -> tuple:
    value = None if rate is None else D(rate)
    return (name, stations, assessed, passed, value, D(50), None, passed, value, None)


def table(*rows: tuple) -> Table:
    context = ("填报单位：桥安县", "期间：2023年第二季度", "评分表：丰都")
    return Table("compliance", "达标率统计表", COLUMNS, rows, context)


def test_each_unit_is_a_bar_as_long_as_its_rate_and_the_target_is_at_its_place() -> None:
    chart = units_chart(
        table(
            row("城关镇", 4, 4, 3, "75.0"),
            row("新桥镇", 2, 0, 0, "0.0"),
            row("合计", 6, 4, 3, "50.0"),
        )
    )
    assert chart is not None
    assert chart.title == "桥安县2023年第二季度各单位达标率与目标"
    town, empty, total = chart.bars
    assert town.width == PLOT_W * 0.75 and town.label == "75.0%"
    assert empty.width == 0 and empty.label == "尚未验收"
    assert total.total and total.label == "50.0%"
    assert chart.target_x == LEFT + PLOT_W / 2
    assert town.y < empty.y < total.y < chart.baseline < chart.height
    assert "新桥镇：尚未验收" in chart.description
    assert "城关镇：达标率 75.0%（已验收 4 / 4 个服务站）" in chart.description


def test_a_table_of_one_unit_alone_has_no_per_unit_chart() -> None:
    assert units_chart(table(row("合计", 6, 4, 3, "50.0"))) is None


def test_a_long_name_is_cut_on_the_chart_but_whole_in_its_words() -> None:
    name = "桥安县某某街道办事处退役军人服务站"
    chart = units_chart(table(row(name, 1, 1, 1, "100.0"), row("合计", 1, 1, 1, "100.0")))
    assert chart is not None
    assert chart.bars[0].short_name.endswith("…") and len(chart.bars[0].short_name) <= 11
    assert name in chart.description


@given(st.decimals(min_value=0, max_value=100, places=1))
def test_a_bar_ends_where_its_rate_is_on_the_grid(rate: Decimal) -> None:
    text = str(rate.quantize(D("0.1")))
    chart = units_chart(table(row("甲镇", 10, 10, 5, text), row("合计", 10, 10, 5, text)))
    assert chart is not None
    grid = {label: x for x, label in chart.grid}
    end = LEFT + chart.bars[0].width
    assert grid["0.0%"] <= end <= grid["100.0%"]
    assert abs(end - (LEFT + PLOT_W * float(rate) / 100)) < 0.1
