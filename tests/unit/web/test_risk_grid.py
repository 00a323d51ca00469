"""The risk grid: a tile per town in rank order, row by row, shaded by its score against the
county's highest, counting its stations that carry signals."""

from __future__ import annotations

from decimal import Decimal

from projections.tables import Table
from projections.tables.risk import COLUMNS
from web.pages.reports.risk_grid import COLUMNS_PER_ROW, SHADES, risk_grid


def town(name: str, score: int) -> tuple:
    return ("乡镇", 1, name, None, Decimal(score), None, None, None, None)


def station(town_name: str, name: str, score: int) -> tuple:
    return ("站点", 1, town_name, name, Decimal(score), Decimal(1 + score), None, None, None)


def table(*rows: tuple) -> Table:
    return Table("risk", "抽查复核风险提示排序表", COLUMNS, rows, ("县（区）：桥安县",))


def test_each_town_is_a_tile_shaded_by_its_score_with_its_flagged_stations() -> None:
    towns = [town(f"镇{i}", score) for i, score in enumerate((6, 3, 0, 0, 1), start=1)]
    grid = risk_grid(
        table(
            *towns, station("镇1", "甲村", 4), station("镇1", "乙村", 0), station("镇2", "丙村", 3)
        )
    )
    assert grid is not None
    assert grid.title == "桥安县各乡镇风险分布"
    first, second, third, _, fifth = grid.tiles
    assert (first.stations, first.flagged) == (2, 1)
    assert (second.stations, second.flagged) == (1, 1)
    assert first.shade == SHADES - 1 and third.shade == 0 and 0 < fifth.shade < first.shade
    assert first.y == second.y and first.x < second.x
    assert fifth.y > first.y and fifth.x == first.x  # the next row starts again at the left
    assert len(grid.tiles) > COLUMNS_PER_ROW and grid.height > fifth.y + grid.tile_height
    assert "镇1：风险分 6，有风险信号的站点 1 / 2" in grid.description


def test_a_county_without_towns_in_the_table_has_no_grid() -> None:
    assert risk_grid(table()) is None
