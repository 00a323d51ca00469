"""The distribution of sheet totals: each total counted in the band it falls in, the bands
side by side from left to right, the pass mark drawn where its points are."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from projections.tables import Table
from web.pages.reports.spread_chart import LEFT, PLOT_W, spread_chart

D = Decimal
COLUMNS = ("序号", "退役军人服务站名称", "得分", "备注")


def table(*totals: Decimal | None) -> Table:
    rows = tuple((n, f"站{n}", t, "") for n, t in enumerate(totals, start=1))
    context = ("填报单位：城关镇", "期间：2023年第二季度")
    return Table("quarterly", "验收情况统计表", COLUMNS, rows, context)


def test_totals_just_above_the_pass_mark_stand_out_in_their_band() -> None:
    chart = spread_chart(table(D("90.5"), D("90"), D("91"), D("72.5"), None), "得分", D(90))
    assert chart is not None
    assert chart.title == "城关镇2023年第二季度评分表总分分布"
    by_low = {b.low: b for b in chart.bands}
    assert by_low[90].count == 2 and by_low[91].count == 1 and by_low[72].count == 1
    assert sum(b.count for b in chart.bands) == 4  # the row without a total is not counted
    assert by_low[90].height > by_low[91].height > 0 == by_low[80].height
    assert chart.pass_x is not None and by_low[90].x - 1 == chart.pass_x
    assert "90–91 分 2 份" in chart.description and "达标线 90 分" in chart.description


def test_a_table_without_totals_has_no_distribution() -> None:
    assert spread_chart(table(None), "得分", D(90)) is None
    assert spread_chart(table(D(1)), "总分", D(90)) is None


totals = st.decimals(min_value=0, max_value=110, places=1)


@given(st.lists(totals, min_size=1, max_size=60))
def test_every_total_is_in_one_band_inside_the_plot(found: list[Decimal]) -> None:
    chart = spread_chart(table(*found), "得分", D(90))
    assert chart is not None
    assert sum(b.count for b in chart.bands) == len(found)
    assert len(chart.bands) <= 40
    for total in found:
        [band] = [b for b in chart.bands if b.low <= total < b.low + b.width]
        assert band.count >= 1
    edges = [b.x for b in chart.bands]
    assert edges == sorted(edges) and edges[0] >= LEFT and edges[-1] < LEFT + PLOT_W


def test_a_table_whose_rubrics_set_no_pass_mark_still_draws_its_spread() -> None:
    table = Table("county-summary", "附件2", ("县", "总分"), (("桥安县", Decimal("119")),))
    chart = spread_chart(table, "总分", None)
    assert chart is not None
