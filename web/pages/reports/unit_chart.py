"""The per-unit compliance chart: one bar per county (or town) under the unit asked for, its
share of stations passing this quarter, against the quarter's target; the total last.
Drawn on the server as inline SVG; its words (title, description, data table) say the same."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from projections.numbers import rate_text
from projections.tables import Table
from web.pages.reports.chart import ASSESSED, PERIOD_LINE, RATE, TARGET, UNIT_LINE
from web.pages.reports.chart import cell as cell_of

WIDTH = 720
LEFT, RIGHT, TOP, BOTTOM = 168, 64, 48, 30
PLOT_W = WIDTH - LEFT - RIGHT
ROW, BAR = 30, 18
NAME_CHARS = 11
"""Longer names are cut on the chart (with …); the data table below holds them whole."""


@dataclass(frozen=True)
class UnitBar:
    """One unit's row: its name, its rate when it has stations and accepted sheets."""

    name: str
    rate: Decimal | None
    assessed: int
    stations: int
    total: bool
    y: float
    width: float

    @property
    def label(self) -> str:
        if self.stations == 0:
            return "无服务站"
        if self.assessed == 0:
            return "尚未验收"
        return "尚未统计" if self.rate is None else rate_text(self.rate)

    @property
    def short_name(self) -> str:
        return self.name if len(self.name) <= NAME_CHARS else self.name[: NAME_CHARS - 1] + "…"

    @property
    def label_x(self) -> float:
        return LEFT + self.width + 6

    @property
    def middle(self) -> float:
        return self.y + BAR / 2


@dataclass(frozen=True)
class UnitsChart:
    """This quarter's compliance of each unit under one, ready to draw (SVG units)."""

    title: str
    target: Decimal
    bars: tuple[UnitBar, ...]
    kind: str = "units"
    width: int = WIDTH
    bar_height: int = BAR
    left: int = LEFT

    @property
    def height(self) -> int:
        return TOP + ROW * len(self.bars) + BOTTOM

    @property
    def baseline(self) -> float:
        return TOP + ROW * len(self.bars)

    @property
    def target_x(self) -> float:
        return x_of(self.target)

    @property
    def grid(self) -> list[tuple[float, str]]:
        return [(x_of(Decimal(v)), rate_text(v)) for v in (0, 25, 50, 75, 100)]

    @property
    def description(self) -> str:
        parts = [f"{b.name}：{describe(b)}" for b in self.bars]
        return "；".join([*parts, f"目标 {rate_text(self.target)}"]) + "。"


def x_of(value: Decimal) -> float:
    share = min(max(float(value), 0.0), 100.0) / 100
    return round(LEFT + PLOT_W * share, 1)


def describe(bar: UnitBar) -> str:
    if bar.stations == 0 or bar.assessed == 0:
        return bar.label
    return f"达标率 {bar.label}（已验收 {bar.assessed} / {bar.stations} 个服务站）"


def units_chart(table: Table) -> UnitsChart | None:
    """The chart of a compliance table's rows, one bar each (the 合计 row last), or None
    when the table has no unit below its own or no target."""
    if len(table.rows) < 2 or RATE not in table.columns:
        return None
    target = cell_of(table, table.rows[-1], TARGET)
    if target is None:
        return None
    bars = []
    for index, row in enumerate(table.rows):
        rate = cell_of(table, row, RATE)
        assessed = int(cell_of(table, row, ASSESSED) or 0)
        stations = int(cell_of(table, row, "服务站数") or 0)
        shown = rate if assessed and rate is not None else Decimal(0)
        last = index == len(table.rows) - 1
        y = TOP + ROW * index + (ROW - BAR) / 2
        bars.append(UnitBar(str(row[0]), rate, assessed, stations, last, y, x_of(shown) - LEFT))
    return UnitsChart(f"{heading(table)}各单位达标率与目标", target, tuple(bars))


def heading(table: Table) -> str:
    """The unit and the quarter, as the table's context lines name them."""
    words = {
        prefix: line[len(prefix) :]
        for line in table.context
        for prefix in (UNIT_LINE, PERIOD_LINE)
        if line.startswith(prefix)
    }
    return words.get(UNIT_LINE, "") + words.get(PERIOD_LINE, "")
