"""Unit aggregates with fixed stamps, to make events for the store and ledger tests."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.audit import Stamp
from domain.rubric import UnitLevel
from domain.unit import Unit

T0 = datetime(2024, 3, 1, 9, 0, tzinfo=UTC)
HOUR = timedelta(hours=1)
MICROSECOND = timedelta(microseconds=1)


def stamp(at: datetime) -> Stamp:
    return Stamp("admin-1", "city_admin", "city-1", at, "req-1")


def city(code: str, name: str, at: datetime = T0) -> Unit:
    return Unit.register(stamp(at), code, name, UnitLevel.CITY, None)
