"""The quarterly acceptance table draws the spread of its sheets' totals with the rubric's
pass mark, said in words and in a data table."""

from __future__ import annotations

import re

from tests.integration.web.test_compliance_charts import signed_in
from tests.integration.web.world import World
from web.app import projections_of


def test_the_town_table_draws_the_spread_of_totals_with_the_pass_mark(world: World) -> None:
    world.assessment("V1", "2023Q2", "approved")
    world.assessment("V2", "2023Q2", "approved")
    projections_of(world.app).catch_up()
    client = signed_in(world, "reviewer")
    page = client.get("/tables/quarterly?unit=T1&period=2023Q2").get_data(as_text=True)
    found = re.search(
        r'<figure class="chart" aria-labelledby="spread-1-caption">.*?</figure>', page, re.S
    )
    assert found, "no spread chart"
    svg = found.group()
    title = re.search(r"<title[^>]*>([^<]+)</title>", svg)
    assert title and title.group(1) == "T1 单位2023年第二季度评分表总分分布"
    desc = re.search(r"<desc[^>]*>([^<]+)</desc>", svg)
    assert desc and "份" in desc.group(1) and desc.group(1).endswith("达标线 90 分。")
    counts = [int(c) for c in re.findall(r'<td class="num">(\d+)</td>', svg)]
    assert sum(counts) == 2
    assert 'class="target"' in svg
