"""Queries on time: today in China by the application's clock, and where the log stood."""

from __future__ import annotations

from datetime import date, datetime

from application.authorization import Authorizer
from application.read_ports import ReadModels
from domain.china_time import china_day


class LogQueries:
    """The clock and the log's positions; they reveal no content, so need no grant."""

    def __init__(self, auth: Authorizer, models: ReadModels) -> None:
        self.clock = auth.clock
        self.models = models

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        """The day in China now."""
        return china_day(self.clock.now())

    def head(self) -> int:
        """How many events the log holds (the position of the last)."""
        return self.models.log().head()

    def position_at(self, at: datetime | None) -> int | None:
        """The log position of the last event at or before a moment (None: now; 0: before
        anything was recorded)."""
        if at is None:
            return None
        return self.models.log().position_at(at) or 0

    def settle(self, position: int) -> None:
        """Wait (briefly) until the read models show the log up to a command's position, so
        the caller's next read shows its own write."""
        self.models.log().wait_for(position)
