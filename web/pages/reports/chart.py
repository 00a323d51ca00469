"""The compliance chart: the share of stations passing in each quarter of a year, this
quarter's and cumulative, against the rubric's target for the quarter (25/50/75/100 %).
Drawn on the server as inline SVG; its words (title, description, data table) say the same."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from projections.numbers import rate_text
from projections.tables import Table, period_label

RATE, CUMULATIVE, TARGET, ASSESSED = "达标率(%)", "累计达标率(%)", "目标(%)", "已验收"
PERIOD_LINE, UNIT_LINE = "期间：", "填报单位："
KEY_LINES = (UNIT_LINE, "评分表：", "口径：")
QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")
WIDTH, HEIGHT = 720, 300
LEFT, RIGHT, TOP, BOTTOM = 52, 72, 40, 36
PLOT_W, PLOT_H = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
GROUP = PLOT_W / 4
BAR = 28
TARGET_HALF = BAR + 12
"""The target line spans both bars; its label sits to its right, clear of the bars' own."""


@dataclass(frozen=True)
class QuarterPoint:
    """One quarter of the year: its target, and its rates when the quarter is counted."""

    label: str
    target: Decimal | None
    rate: Decimal | None
    cumulative: Decimal | None


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    height: float
    text: str
    kind: str

    @property
    def label_x(self) -> float:
        """Each label leans away from its neighbour: the rate's ends at its bar's right edge,
        the cumulative's starts at its bar's left edge, so the two never cross."""
        return self.x + BAR if self.kind == "rate" else self.x

    @property
    def anchor(self) -> str:
        return "end" if self.kind == "rate" else "start"


@dataclass(frozen=True)
class Mark:
    x1: float
    x2: float
    y: float
    text: str


@dataclass(frozen=True)
class Chart:
    """A year's compliance of one unit, ready to draw (coordinates in SVG units)."""

    title: str
    points: tuple[QuarterPoint, ...]
    width: int = WIDTH
    height: int = HEIGHT
    bar_width: int = BAR
    kind: str = "quarters"

    @property
    def description(self) -> str:
        return "；".join(describe(p) for p in self.points) + "。"

    @property
    def grid(self) -> list[tuple[float, str]]:
        return [(y_of(Decimal(v)), rate_text(v)) for v in (0, 25, 50, 75, 100)]

    @property
    def bars(self) -> list[Bar]:
        found = []
        for index, point in enumerate(self.points):
            middle = LEFT + GROUP * index + GROUP / 2
            for x, value, kind in (
                (middle - BAR - 2, point.rate, "rate"),
                (middle + 2, point.cumulative, "cumulative"),
            ):
                if value is not None:
                    top = y_of(value)
                    found.append(Bar(x, top, TOP + PLOT_H - top, rate_text(value), kind))
        return found

    @property
    def targets(self) -> list[Mark]:
        found = []
        for index, point in enumerate(self.points):
            middle = LEFT + GROUP * index + GROUP / 2
            if point.target is not None:
                y, half, text = y_of(point.target), TARGET_HALF, rate_text(point.target)
                found.append(Mark(middle - half, middle + half, y, f"目标 {text}"))
        return found

    @property
    def axis(self) -> list[tuple[float, str]]:
        return [(LEFT + GROUP * i + GROUP / 2, p.label) for i, p in enumerate(self.points)]

    @property
    def baseline(self) -> float:
        return TOP + PLOT_H


def y_of(value: Decimal) -> float:
    share = min(max(float(value), 0.0), 100.0) / 100
    return round(TOP + PLOT_H * (1 - share), 1)


def describe(point: QuarterPoint) -> str:
    target = "未设目标" if point.target is None else f"目标 {rate_text(point.target)}"
    if point.rate is None:
        return f"{point.label}：{target}（尚未统计）"
    cumulative = "尚未统计" if point.cumulative is None else rate_text(point.cumulative)
    return f"{point.label}：达标率 {rate_text(point.rate)}，累计达标率 {cumulative}，{target}"


Fetch = Callable[[str], list[Table]]
"""The compliance tables of a quarter, asked for as the page's tables were."""


def compliance_chart(table: Table, fetch: Fetch) -> Chart | None:
    """The chart of a compliance table: its year's quarters, counted up to its own."""
    period = period_of(table)
    if period is None:
        return None
    year, asked = period[:4], int(period[-1])
    points = []
    for quarter in range(1, 5):
        this = f"{year}Q{quarter}"
        same = table if this == period else matching(table, fetch(this))
        total = None if same is None else same.rows[-1]
        assessed = cell(same, total, ASSESSED)
        # A quarter in which nothing was accepted has no rate yet, not a rate of 0.
        counted = total is not None and quarter <= asked and bool(assessed)
        points.append(
            QuarterPoint(
                QUARTERS[quarter - 1],
                cell(same, total, TARGET),
                cell(same, total, RATE) if counted else None,
                cell(same, total, CUMULATIVE) if counted else None,
            )
        )
    unit = next((c[len(UNIT_LINE) :] for c in table.context if c.startswith(UNIT_LINE)), "")
    return Chart(f"{unit}{year}年各季度达标率与目标", tuple(points))


def cell(table: Table | None, row: tuple[object, ...] | None, column: str) -> Decimal | None:
    if table is None or row is None or column not in table.columns:
        return None
    value = row[table.columns.index(column)]
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    return value if isinstance(value, Decimal) else None


def period_of(table: Table) -> str | None:
    """The quarter a compliance table is of, read back from its 期间 line."""
    for line in table.context:
        if line.startswith(PERIOD_LINE) and (year := re.search(r"\d{4}", line)):
            words = line[len(PERIOD_LINE) :]
            quarters = [f"{year.group()}Q{q}" for q in range(1, 5)]
            return next((q for q in quarters if period_label(q) == words), None)
    return None


def key(table: Table) -> tuple[str, ...]:
    """What tells a unit's compliance table apart from another's, whatever its quarter: its
    unit, its rubric and how passing is counted. The notes that name a quarter's deadlines or
    its disqualified stations differ from quarter to quarter, so they do not count."""
    return tuple(c for c in table.context if c.startswith(KEY_LINES))


def matching(table: Table, candidates: list[Table]) -> Table | None:
    return next((c for c in candidates if key(c) == key(table)), None)
