"""Demo commands at a person's own pace: stamped from a moment, a step apart (late at night,
or minutes apart), after which the demo clock goes on from the last of them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta

from application.bus import Bus
from domain.china_time import CHINA
from infra.demo.clock import DemoClock


def at(day: str, hour: int = 9, minute: int = 0) -> datetime:
    """A moment of a day in China's time."""
    return datetime.fromisoformat(day).replace(hour=hour, minute=minute, tzinfo=CHINA)


class Pace:
    """Commands stamped from a moment, a step apart: when a person acts, not office hours."""

    def __init__(self, start: datetime, step: timedelta) -> None:
        self.current, self.step = start - step, step

    def now(self) -> datetime:
        self.current += self.step
        return self.current


@contextmanager
def paced(bus: Bus, start: datetime, step: timedelta) -> Iterator[None]:
    """Commands the bus runs meanwhile are stamped from `start` (or the demo's now, if
    later), `step` apart; afterwards the demo clock goes on from the last of them, so the
    log's times still rise with its positions. Outside the demo clock (a store already
    filled), the bus keeps its own clock."""
    demo = bus.clock
    if not isinstance(demo, DemoClock):
        yield
        return
    pace = Pace(max(start, demo.current), step)
    bus.clock = pace
    try:
        yield
    finally:
        bus.clock = demo
        demo.current = max(demo.current, pace.current)
