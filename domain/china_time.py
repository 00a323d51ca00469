"""China Standard Time (UTC+8): the clock by which bureaus read dates, deadlines and periods."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))


def china_day(moment: datetime) -> date:
    """The calendar day in China at a moment."""
    return moment.astimezone(CHINA).date()
