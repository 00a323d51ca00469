"""Assessment periods ("2023Q2", "2024"): their last day, their label and their quarters."""

from __future__ import annotations

from domain.period_days import last_day_of, split_period
from domain.workflow import QUARTER

__all__ = ["last_day_of", "period_label", "quarter_name", "quarters_through", "split_period"]

CHINESE_QUARTERS = ("一", "二", "三", "四")


def period_label(period: str) -> str:
    """The period in words: 2023Q2 → 2023年第二季度, 2024 → 2024年度."""
    year, quarter = split_period(period)
    if quarter is None:
        return f"{year}年度"
    return f"{year}年第{CHINESE_QUARTERS[quarter - 1]}季度"


def quarters_through(period: str) -> tuple[str, ...]:
    """The quarters of the year up to and including a quarter: "2023Q3" → Q1, Q2, Q3."""
    year, quarter = split_period(period)
    if quarter is None:
        raise ValueError(f"period {period!r} is a year; write a quarter like {year}Q2")
    return tuple(f"{year}Q{q}" for q in range(1, quarter + 1))


def quarter_name(period: str) -> str:
    """The quarter a compliance target is keyed by: "2023Q2" → "Q2"."""
    return period[-2:] if QUARTER.match(period) else ""
