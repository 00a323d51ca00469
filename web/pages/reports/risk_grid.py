"""The risk grid: one tile per town of the risk table, laid out like a map's squares, shaded
by its risk score, saying how many of its stations carry signals. Drawn on the server as SVG."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from projections.numbers import points_text
from projections.tables import Table

COLUMNS_PER_ROW = 4
TILE_W, TILE_H, GAP, TOP = 168, 74, 8, 34
SHADES = 4
"""Tiles are shaded in this many steps, from no risk to the county's highest score."""


@dataclass(frozen=True)
class Tile:
    """A town: its risk score, its stations and those with signals."""

    town: str
    score: Decimal
    stations: int
    flagged: int
    x: float
    y: float
    shade: int

    @property
    def words(self) -> str:
        return (
            f"{self.town}：风险分 {points_text(self.score)}，"
            f"有风险信号的站点 {self.flagged} / {self.stations}"
        )


@dataclass(frozen=True)
class RiskGrid:
    """A county's towns by risk, ready to draw (SVG units)."""

    title: str
    tiles: tuple[Tile, ...]
    kind: str = "risk"
    tile_width: int = TILE_W
    tile_height: int = TILE_H

    @property
    def width(self) -> int:
        """A full row's width whatever the number of towns, so the legend always fits."""
        return COLUMNS_PER_ROW * (TILE_W + GAP) + GAP

    @property
    def height(self) -> int:
        rows = math.ceil(len(self.tiles) / COLUMNS_PER_ROW)
        return TOP + rows * (TILE_H + GAP) + GAP

    @property
    def description(self) -> str:
        return "；".join(t.words for t in self.tiles) + "。"


def risk_grid(table: Table) -> RiskGrid | None:
    """The towns of a risk table in rank order (None: no town in it)."""
    at = {name: table.columns.index(name) for name in ("层级", "乡镇", "站点", "风险分")}
    towns = [
        (str(r[at["乡镇"]]), score(r[at["风险分"]])) for r in table.rows if r[at["层级"]] == "乡镇"
    ]
    stations = [
        (str(r[at["乡镇"]]), score(r[at["风险分"]])) for r in table.rows if r[at["层级"]] == "站点"
    ]
    county = next((c[len("县（区）：") :] for c in table.context if c.startswith("县（区）：")), "")
    return grid(county, towns, stations)


def report_grid(county: str, report: Mapping[str, Any]) -> RiskGrid | None:
    """The towns of a risk report (as the API gives it) in rank order."""
    names = {t["unit_id"]: t["name"] for t in report["towns"]}
    towns = [(t["name"], score(t["score"])) for t in report["towns"]]
    stations = [(names.get(s["town_id"], ""), score(s["score"])) for s in report["stations"]]
    return grid(county, towns, stations)


def grid(
    county: str, towns: list[tuple[str, Decimal]], stations: list[tuple[str, Decimal]]
) -> RiskGrid | None:
    """Towns (name, score) in rank order, each with its stations' (town, score)."""
    if not towns:
        return None
    top = max(s for _, s in towns) or Decimal(1)
    tiles = []
    for index, (town, town_score) in enumerate(towns):
        own = [s for t, s in stations if t == town]
        column, line = index % COLUMNS_PER_ROW, index // COLUMNS_PER_ROW
        shade = math.ceil((SHADES - 1) * town_score / top) if town_score > 0 else 0
        x, y = GAP + column * (TILE_W + GAP), TOP + line * (TILE_H + GAP)
        flagged = sum(1 for s in own if s > 0)
        tiles.append(Tile(town, town_score, len(own), flagged, x, y, shade))
    return RiskGrid(f"{county}各乡镇风险分布", tuple(tiles))


def score(cell: object) -> Decimal:
    """A risk score from a table cell or the API's decimal text (anything else: none)."""
    if isinstance(cell, bool):
        return Decimal(0)
    if isinstance(cell, int | Decimal):
        return Decimal(cell)
    try:
        return Decimal(str(cell)) if isinstance(cell, str) else Decimal(0)
    except ArithmeticError:
        return Decimal(0)
