"""The days of an assessment period ("2023Q2", "2024")."""

from __future__ import annotations

import calendar
from datetime import date

from domain.workflow import QUARTER, YEAR


def split_period(period: str) -> tuple[int, int | None]:
    """The year and the quarter (None: a whole year)."""
    quarter = QUARTER.match(period)
    if quarter:
        return int(quarter.group(1)), int(quarter.group(2))
    if YEAR.match(period):
        return int(period), None
    raise ValueError(f"period {period!r} is neither a quarter like 2023Q2 nor a year like 2024")


def last_day_of(period: str) -> date:
    """The period's last day: "2023Q2" → 2023-06-30, "2024" → 2024-12-31. The hierarchy in
    force on that day decides which town or county a unit's sheet belongs to: who may act
    on it and which table it rolls up to."""
    year, quarter = split_period(period)
    month = 12 if quarter is None else quarter * 3
    return date(year, month, calendar.monthrange(year, month)[1])


def hierarchy_day(period: str) -> date | None:
    """The day whose hierarchy a period's sheets belong to: its last day (None: the text is
    not a period, so the current hierarchy answers and the period's own check refuses it)."""
    try:
        return last_day_of(period)
    except ValueError:
        return None
