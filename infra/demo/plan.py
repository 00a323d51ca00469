"""The demo hierarchy and accounts, planned deterministically before anything is written."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from domain.account import Role
from domain.rubric import UnitLevel
from infra.demo.names import COUNTY_SUFFIX, TOWN_SUFFIX, VILLAGE_SUFFIX, DemoUnit, person, unit

CITY = DemoUnit("DEMO", "示范市", "周建国", "13900000000")
TOWNS_PER_COUNTY = (3, 3, 4)
VILLAGES_PER_TOWN = 6


@dataclass(frozen=True)
class DemoAccount:
    """A demo login: printed for people trying Kaohe out, never for production."""

    username: str
    display_name: str
    role: Role
    unit_code: str

    @property
    def password(self) -> str:
        return f"demo-{self.username}-2023"


@dataclass
class DemoPlan:
    units: list[tuple[DemoUnit, UnitLevel, str | None]] = field(default_factory=list)
    accounts: list[DemoAccount] = field(default_factory=list)

    def codes(self, level: UnitLevel) -> list[str]:
        return [u.code for u, lvl, _ in self.units if lvl is level]

    def account(self, role: Role, unit_code: str) -> DemoAccount:
        return next(a for a in self.accounts if a.role is role and a.unit_code == unit_code)

    def named(self, username: str) -> DemoAccount:
        return next(a for a in self.accounts if a.username == username)

    def parent_of(self, code: str) -> str:
        return next(parent for u, _, parent in self.units if u.code == code and parent)

    def children(self, code: str) -> list[str]:
        return [u.code for u, _, parent in self.units if parent == code]


INSPECTION_LEAD, INSPECTOR, CITY_CENTRE = "inspector-01", "inspector-02", "centre"
"""The city bureau's inspection group (审核 over the city: it scores county centres, the
banner and the city centre) and the city service centre's staff (填报 over the city)."""


def centre_staff(county: int) -> str:
    """A county centre's (or the banner's) own staff, who self-check its sheets."""
    return f"centre-{county:02d}"


def plan_demo(seed: int = 2023) -> DemoPlan:
    """One city, 3 counties, 10 towns and 60 villages, with an account for every role and
    every party the four rubrics name (the accounts added for the county- and city-level
    sheets come last, so that each role's first account stays a village's, a town's …)."""
    rng = random.Random(seed)
    used: set[str] = set()
    plan = DemoPlan(units=[(CITY, UnitLevel.CITY, None)])
    plan.accounts += [
        DemoAccount("admin", "系统管理员", Role.ADMINISTRATOR, CITY.code),
        DemoAccount("regulator", person(rng), Role.CITY_REGULATOR, CITY.code),
    ]
    for c, towns in enumerate(TOWNS_PER_COUNTY, start=1):
        county = unit(rng, used, f"{CITY.code}-{c:02d}", COUNTY_SUFFIX)
        plan.units.append((county, UnitLevel.COUNTY, CITY.code))
        plan.accounts.append(
            DemoAccount(f"auditor-{c:02d}", county.contact, Role.COUNTY_AUDITOR, county.code)
        )
        for t in range(1, towns + 1):
            town = unit(rng, used, f"{county.code}-{t:02d}", TOWN_SUFFIX)
            plan.units.append((town, UnitLevel.TOWN, county.code))
            plan.accounts.append(
                DemoAccount(f"reviewer-{c:02d}{t:02d}", town.contact, Role.TOWN_REVIEWER, town.code)
            )
            for v in range(1, VILLAGES_PER_TOWN + 1):
                village = unit(rng, used, f"{town.code}-{v:02d}", VILLAGE_SUFFIX)
                plan.units.append((village, UnitLevel.VILLAGE, town.code))
                plan.accounts.append(
                    DemoAccount(
                        f"staff-{c:02d}{t:02d}{v:02d}",
                        village.contact,
                        Role.STATION_STAFF,
                        village.code,
                    )
                )
    plan.accounts += [
        DemoAccount(INSPECTION_LEAD, person(rng), Role.TOWN_REVIEWER, CITY.code),
        DemoAccount(INSPECTOR, person(rng), Role.TOWN_REVIEWER, CITY.code),
        DemoAccount(CITY_CENTRE, CITY.contact, Role.STATION_STAFF, CITY.code),
    ]
    for c, code in enumerate(plan.children(CITY.code), start=1):
        plan.accounts.append(DemoAccount(centre_staff(c), person(rng), Role.STATION_STAFF, code))
    return plan
