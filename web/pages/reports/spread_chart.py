"""The distribution of sheet totals on a summary table, with the pass mark drawn: how many
sheets scored in each band of points. Totals bunched just above the pass mark are a sign
of falsification that county and city readers look for. Drawn on the server as SVG."""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal

from projections.tables import Table
from web.pages.reports.unit_chart import heading

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 52, 24, 40, 40
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
MAX_BINS = 40
WIDTHS = (1, 2, 5, 10, 20)
"""Band widths in points: the narrowest that keeps the chart to MAX_BINS bands."""


@dataclass(frozen=True)
class Band:
    """Sheets whose total is at least `low` and below `low + width`."""

    low: int
    width: int
    count: int
    x: float
    y: float
    bar_width: float
    height: float

    @property
    def words(self) -> str:
        return f"{self.low}–{self.low + self.width} 分"

    @property
    def middle(self) -> float:
        return self.x + self.bar_width / 2


@dataclass(frozen=True)
class SpreadChart:
    """Totals by band, ready to draw (SVG units)."""

    title: str
    bands: tuple[Band, ...]
    pass_mark: Decimal | None
    kind: str = "spread"
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT

    @property
    def baseline(self) -> float:
        return TOP + PLOT_H

    @property
    def pass_x(self) -> float | None:
        return None if self.pass_mark is None else self.x_of(self.pass_mark)

    def x_of(self, points: Decimal) -> float:
        low, high = self.bands[0].low, self.bands[-1].low + self.bands[-1].width
        share = (float(points) - low) / (high - low)
        return round(LEFT + PLOT_W * min(max(share, 0.0), 1.0), 1)

    @property
    def ticks(self) -> list[tuple[float, str]]:
        """A point label at each band edge that is a multiple of 5."""
        last = self.bands[-1]
        edges = [b.low for b in self.bands] + [last.low + last.width]
        return [(self.x_of(Decimal(e)), str(e)) for e in edges if e % 5 == 0]

    @property
    def description(self) -> str:
        shown = [f"{b.words} {b.count} 份" for b in self.bands if b.count]
        mark = "" if self.pass_mark is None else f"；达标线 {self.pass_mark} 分"
        return "；".join(shown) + mark + "。"


def spread_chart(table: Table, column: str, pass_mark: Decimal | None) -> SpreadChart | None:
    """The distribution of the totals in `column` of a table (None: no total to show)."""
    if column not in table.columns:
        return None
    at = table.columns.index(column)
    totals = [row[at] for row in table.rows if isinstance(row[at], Decimal)]
    if not totals:
        return None
    marks = [*totals, *(() if pass_mark is None else (pass_mark,))]
    low = math.floor(min(marks)) // 5 * 5
    if pass_mark is not None:
        low = min(low, int(pass_mark) - 10)
    high = max(math.floor(max(marks)) + 1, low + 1)
    width = next((w for w in WIDTHS if (high - low) / w <= MAX_BINS), WIDTHS[-1])
    high = low + math.ceil((high - low) / width) * width
    counts = dict.fromkeys(range(low, high, width), 0)
    for total in totals:
        counts[low + int((total - low) // width) * width] += 1
    return SpreadChart(title_of(table), bands(counts, width), pass_mark)


def bands(counts: dict[int, int], width: int) -> tuple[Band, ...]:
    most = max(counts.values()) or 1
    step = PLOT_W / len(counts)
    found = []
    for index, (low, count) in enumerate(counts.items()):
        height = round(PLOT_H * count / most, 1)
        x = round(LEFT + step * index + 1, 1)
        found.append(Band(low, width, count, x, TOP + PLOT_H - height, step - 2, height))
    return tuple(found)


def title_of(table: Table) -> str:
    return f"{heading(table)}评分表总分分布"
