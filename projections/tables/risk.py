"""The risk report of a county and period as a table (风险提示排序表): towns, then stations,
ranked by risk score, each with the signals behind it, their reasons and the events."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from uuid import UUID

from projections.spot_checks.evidence import Signal
from projections.spot_checks.report import Ranked, RiskReport
from projections.spot_checks.words import signal_words
from projections.tables.periods import period_label
from projections.tables.table import Cell, Table

RISK = "risk"
COLUMNS = ("层级", "排名", "乡镇", "站点", "风险分", "抽样权重", "信号", "依据", "事件")
FOOTER = (
    "风险分为所涉信号权重之和（乡镇另加其站点之分）；抽样权重 = 1 + 风险分。",
    "事件为审计记录中的事件编号（考核编号:版本）。",
)


def risk_table(report: RiskReport, names: Mapping[UUID, str]) -> Table:
    """Towns ranked (their own signals as reasons; their score adds their stations'), then
    stations ranked with their town and their weight in a weighted campaign."""
    signals = report.signals

    def name(unit: UUID | None) -> Cell:
        return None if unit is None else names.get(unit, str(unit))

    towns = [
        _row("乡镇", rank, name(t.unit_id), None, t, None, signals)
        for rank, t in enumerate(report.towns, 1)
    ]
    stations = [
        _row("站点", rank, name(s.town_id), name(s.unit_id), s, s.weight, signals)
        for rank, s in enumerate(report.stations, 1)
    ]
    return Table(
        name=RISK,
        title="抽查复核风险提示排序表",
        columns=COLUMNS,
        rows=(*towns, *stations),
        context=(
            f"县（区）：{name(report.county_id)}",
            f"期间：{period_label(report.period)}",
            f"日志位置：{report.position}；信号 {len(signals)} 条",
        ),
        footer=FOOTER,
    )


def _row(
    level: str,
    rank: int,
    town: Cell,
    station: Cell,
    ranked: Ranked,
    weight: Cell,
    signals: Sequence[Signal],
) -> tuple[Cell, ...]:
    behind = [signals[i] for i in ranked.signals]
    kinds = list(dict.fromkeys(signal_words(s.kind) for s in behind))
    events = list(dict.fromkeys(e.event_id for s in behind for e in s.events))
    return (
        level,
        rank,
        town,
        station,
        ranked.score,
        weight,
        "、".join(kinds) or None,
        "；".join(ranked.reasons) or None,
        " ".join(events) or None,
    )
