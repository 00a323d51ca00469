"""A clock for demo history: the quarter's working days, a quarter of an hour per command."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.china_time import CHINA as BEIJING

START = datetime(2023, 4, 3, 9, 0, tzinfo=BEIJING)


class DemoClock:
    """Used only to fill an empty store, so the log's times still rise with its positions."""

    def __init__(self, start: datetime = START, step: timedelta = timedelta(minutes=15)) -> None:
        self.current = start
        self.step = step

    def now(self) -> datetime:
        self.current += self.step
        if self.current.hour >= 18:
            self.current = (self.current + timedelta(days=1)).replace(hour=9, minute=0)
        while self.current.weekday() >= 5:
            self.current += timedelta(days=1)
        return self.current
