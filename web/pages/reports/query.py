"""The filter of a table page (unit, period, as-of date and time) as the form sends it,
checked field by field so that each error can be shown beside its field."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time
from typing import Any

from domain.china_time import CHINA
from web.pages.reports.catalogue import TablePage

END_OF_DAY = time(23, 59, 59)


@dataclass(frozen=True)
class ReportQuery:
    """What a table page was asked for; `errors` maps a field to why it was refused."""

    unit: str = ""
    period: str = ""
    day: str = ""
    clock: str = ""
    errors: dict[str, str] = field(default_factory=dict)
    ready: bool = True
    """False until a table that needs a period has been asked for one (no error yet)."""

    @classmethod
    def from_args(cls, args: Mapping[str, str], page: TablePage) -> ReportQuery:
        unit = args.get("unit", "").strip()
        period = args.get("period", "").strip().upper() if page.periodic else ""
        day, clock = args.get("as_of_date", "").strip(), args.get("as_of_time", "").strip()
        errors: dict[str, str] = {}
        ready = "period" in args or not page.period_required
        if ready and (why := page.period_error(period)) is not None:
            errors["period"] = why
        if day and parse_day(day) is None:
            errors["as_of_date"] = f"“{day}”不是有效的日期：请按 2024-10-15 的格式填写。"
        if clock and parse_clock(clock) is None:
            errors["as_of_time"] = f"“{clock}”不是有效的时间：请按 17:30 的格式填写。"
        elif clock and not day:
            errors["as_of_time"] = "请先选择截至日期，再填写时间。"
        return cls(unit, period, day, clock, errors, ready)

    def refused(self, field: str, why: str) -> ReportQuery:
        """The same query with one more field refused."""
        return replace(self, errors={**self.errors, field: why})

    @property
    def as_of(self) -> datetime | None:
        """The moment asked for, in China's time: the end of the day when no time is given."""
        day = parse_day(self.day)
        if day is None or self.errors:
            return None
        return datetime.combine(day, parse_clock(self.clock) or END_OF_DAY, tzinfo=CHINA)

    def api_query(self) -> dict[str, Any]:
        """The query the tables resource reads (the same for the screen and the files)."""
        found: dict[str, Any] = {}
        if self.unit:
            found["unit"] = self.unit
        if self.period:
            found["period"] = self.period
        if self.as_of is not None:
            found["as_of"] = self.as_of
        return found

    def args(self, **more: str) -> dict[str, str]:
        """The query arguments that ask for the same tables (with more arguments)."""
        pairs = {
            "unit": self.unit,
            "period": self.period,
            "as_of_date": self.day,
            "as_of_time": self.clock,
            **more,
        }
        return {k: v for k, v in pairs.items() if v}


def parse_day(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def parse_clock(text: str) -> time | None:
    """A time of day; written to the minute (10:15) it means the whole minute (10:15:59),
    written to the second (10:15:00) exactly that second."""
    try:
        found = time.fromisoformat(text)
    except ValueError:
        return None
    to_the_minute = len(text.strip()) == len("10:15")
    return found.replace(second=59, microsecond=0) if to_the_minute else found
