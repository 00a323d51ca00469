"""Assessment periods ("2023Q2", "2024"): their last day, their label and their quarters."""

from __future__ import annotations

import calendar
from datetime import date

from domain.workflow import QUARTER, YEAR

CHINESE_QUARTERS = ("一", "二", "三", "四")


def last_day_of(period: str) -> date:
    """The period's last day: "2023Q2" → 2023-06-30, "2024" → 2024-12-31. The hierarchy in
    force on that day decides which town or county a unit's sheet rolls up to."""
    year, quarter = split_period(period)
    month = 12 if quarter is None else quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


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


def split_period(period: str) -> tuple[int, int | None]:
    quarter = QUARTER.match(period)
    if quarter:
        return int(quarter.group(1)), int(quarter.group(2))
    if YEAR.match(period):
        return int(period), None
    raise ValueError(f"period {period!r} is neither a quarter like 2023Q2 nor a year like 2024")
