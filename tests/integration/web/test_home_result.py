"""On the home page's list of sheets, 结果 says the result, never the status again: the
result the figures give (暂定 until the sheet is accepted), then the result."""

from __future__ import annotations

import re

from tests.integration.web.test_compliance_charts import signed_in
from tests.integration.web.world import World
from web.app import projections_of


def result_cells(world: World, username: str) -> set[tuple[str, str]]:
    """(状态, 结果) of every list of sheets on the home page."""
    projections_of(world.app).catch_up()
    page = signed_in(world, username).get("/").get_data(as_text=True)
    cells = re.findall(r'<span class="status [^"]+">([^<]+)</span></td>\s*<td>([^<]*)</td>', page)
    assert cells, "no sheet listed"
    return set(cells)


def test_a_draft_shows_the_result_its_figures_give_as_provisional(world: World) -> None:
    world.assessment("V1", "2023Q2")
    assert result_cells(world, "staff") == {("未提交", "合格（暂定）")}


def test_an_accepted_sheet_shows_its_result(world: World) -> None:
    world.assessment("V1", "2023Q2", "approved")
    assert result_cells(world, "staff") == {("已验收", "合格")}
