"""The world of the generated history: a unit hierarchy, its accounts, and the clock.

A city, counties of TOWNS_PER_COUNTY towns, towns of VILLAGES_PER_TOWN villages (a town's
quarterly table is a table of 100 stations), one station-staff account per village, one
reviewer per town and one auditor per county, and the Fengdu village-station rubric."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from uuid import UUID

from eventsourcing.persistence import InternalError

from application.actor import Actor
from application.commands.accounts import CreateAccount, GrantRole
from application.commands.rubrics import PublishRubric
from application.commands.units import RegisterUnit
from application.ports import Clock
from application.service import Kaohe
from domain.account import Role
from domain.ids import account_id, unit_id
from domain.rubric import UnitLevel
from infra.bootstrap import open_event_store
from infra.evidence_files import FileEvidence
from infra.passwords import Argon2Hasher
from infra.rubric_files import BUILTIN_DIR, read_definition
from infra.settings import Settings

RUBRIC = "fengdu-village-station"
VILLAGES_PER_TOWN = 100
TOWNS_PER_COUNTY = 4
EVENTS_PER_TOWN = 80_000
"""About a year of one town's work: how the number of towns follows the events asked for."""
FIRST_YEAR = 2020
BEIJING = timezone(timedelta(hours=8))
SCALE = 3600.0
"""Simulated seconds per wall-clock second while a quarter is generated."""
PASSWORD = "bench-password-1"


def period(quarter: int) -> str:
    return f"{FIRST_YEAR + quarter // 4}Q{quarter % 4 + 1}"


def quarter_start(quarter: int) -> datetime:
    return datetime(FIRST_YEAR + quarter // 4, 3 * (quarter % 4) + 1, 1, 9, tzinfo=BEIJING)


@dataclass(frozen=True)
class Plan:
    """The hierarchy: towns T001…, villages V001001… (town number, village number)."""

    towns: int

    @classmethod
    def for_events(cls, events: int) -> Plan:
        return cls(max(1, math.ceil(events / EVENTS_PER_TOWN)))

    def town_codes(self) -> list[str]:
        return [f"T{t:03d}" for t in range(1, self.towns + 1)]

    def county_of(self, town: str) -> str:
        return f"C{(int(town[1:]) - 1) // TOWNS_PER_COUNTY + 1:02d}"

    def county_codes(self) -> list[str]:
        return sorted({self.county_of(t) for t in self.town_codes()})

    def villages(self, town: str) -> list[str]:
        return [f"V{town[1:]}{v:03d}" for v in range(1, VILLAGES_PER_TOWN + 1)]

    def all_villages(self) -> list[str]:
        return [v for town in self.town_codes() for v in self.villages(town)]

    @staticmethod
    def town_of(village: str) -> str:
        return f"T{village[1:4]}"


def actor(role: Role, unit_code: str) -> Actor:
    """The account acting for a unit in a role (`<role>.<unit>`, created by `set_up`)."""
    return Actor(account_id(f"{role.value}.{unit_code}"), role, unit_id(unit_code))


class PhaseClock:
    """Simulated time while one quarter is generated: the quarter's first morning plus SCALE
    times the wall time since the phase began. Every worker process shares the wall clock
    and the phase's start, so times rise with log positions across processes (up to the
    few milliseconds between taking a time and committing)."""

    def __init__(self, quarter: int, wall_start: float) -> None:
        self.start = quarter_start(quarter)
        self.end = quarter_start(quarter + 1) - timedelta(days=1)
        self.wall_start = wall_start
        self.last = self.start

    def now(self) -> datetime:
        at = self.start + timedelta(seconds=(time.time() - self.wall_start) * SCALE)
        at = min(max(at, self.last + timedelta(microseconds=1)), self.end)
        self.last = at
        return at


def open_app(env: dict[str, str], clock: Clock, files: Path) -> Kaohe:
    """Kaohe over the store the env names, with the given clock and fast hashing."""
    settings = Settings.from_env(env)
    hasher = Argon2Hasher(time_cost=1, memory_cost=1024)
    for attempt in range(5):
        try:
            store = open_event_store(settings)
            break
        except InternalError:  # the library's CREATE … IF NOT EXISTS, run by two at once
            if attempt == 4:
                raise
            time.sleep(0.2 * (attempt + 1))
    return Kaohe(store, clock, hasher, FileEvidence(files))


def set_up(app: Kaohe, plan: Plan) -> None:
    """Units, the rubric and the accounts, by the system actor (the rubric before the
    accounts: a role is granted only where a published rubric gives it work)."""
    register(app, "CITY", "长治市", UnitLevel.CITY, None)
    for county in plan.county_codes():
        register(app, county, f"第{county[1:]}区", UnitLevel.COUNTY, "CITY")
    for town in plan.town_codes():
        register(app, town, f"第{town[1:]}街道", UnitLevel.TOWN, plan.county_of(town))
        for village in plan.villages(town):
            register(app, village, f"第{village[4:]}社区", UnitLevel.VILLAGE, town)
    app.setup(
        PublishRubric(definition=read_definition(BUILTIN_DIR / f"{RUBRIC}.v1.yaml")), "bench-setup"
    )
    for county in plan.county_codes():
        account(app, Role.COUNTY_AUDITOR, county)
    for town in plan.town_codes():
        account(app, Role.TOWN_REVIEWER, town)
        for village in plan.villages(town):
            account(app, Role.STATION_STAFF, village)


def register(app: Kaohe, code: str, name: str, level: UnitLevel, parent: str | None) -> None:
    app.setup(RegisterUnit(code=code, unit_name=name, level=level, parent=parent), "bench-setup")


def account(app: Kaohe, role: Role, unit_code: str) -> UUID:
    username = f"{role.value}.{unit_code}"
    app.setup(CreateAccount(username=username, display_name=username, password=PASSWORD))
    app.setup(GrantRole(username=username, role=role, unit=unit_code))
    return account_id(username)
