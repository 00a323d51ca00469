"""China Standard Time (UTC+8): the clock by which bureaus read dates, deadlines and periods."""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8))


def china_day(moment: datetime) -> date:
    """The calendar day in China at a moment."""
    return moment.astimezone(CHINA).date()


def in_words(moment: datetime) -> str:
    """A moment as a clerk reads it on a form, in China's time: 2024年1月1日 23:59:59."""
    local = moment.astimezone(CHINA)
    return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M:%S}"
