"""The API over a store holding the demo quarter, for schema tests: a fresh bearer token of
each role on demand, and the ids of real things (sheets in every status, campaigns, units,
accounts, tables) for generated requests to aim at."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from flask import Flask

from application.service import Kaohe
from application.store import EventStore
from domain.account import Role
from infra.bootstrap import build, open_event_store
from infra.demo.clock import DemoClock
from infra.demo.loader import load_demo
from infra.demo.plan import DemoPlan
from infra.evidence_files import FileEvidence
from infra.login_throttle import ThrottlePolicy
from infra.passwords import Argon2Hasher
from infra.projections.registry import Projections
from infra.projections.tables import TABLES
from infra.settings import Settings
from tests.integration.web.world import StepClock
from web.app import create_app
from web.auth import BEARER
from web.context import auth_tables, services

ROLES = (
    (Role.STATION_STAFF, "DEMO-01-01-01"),
    (Role.TOWN_REVIEWER, "DEMO-01-01"),
    (Role.COUNTY_AUDITOR, "DEMO-01"),
    (Role.CITY_REGULATOR, "DEMO"),
    (Role.ADMINISTRATOR, "DEMO"),
)
"""Who calls: one demo account of each role, each over the demo's first village."""
OTHER_ACCOUNTS = ("staff-010102", "reviewer-0102", "auditor-02")
"""Accounts generated requests may change (a password, a grant, disabled) without locking
out the callers above."""


class PlainHasher:
    """Passwords stored as given: the demo's eighty accounts load in a moment."""

    def hash(self, password: str) -> str:
        return f"plain:{password}"

    def verify(self, password_hash: str, password: str) -> bool:
        return password_hash == self.hash(password)


@dataclass
class DemoApi:
    app: Flask
    accounts: dict[Role, UUID]
    store: EventStore
    known: dict[str, list[Any]] = field(default_factory=dict)

    def bearer(self, role: Role) -> dict[str, str]:
        """A fresh access token of the role's account, so a generated logout or password
        change does not lock the next request out."""
        account_id = self.accounts[role]
        with self.app.app_context():
            generation = services().kaohe.accounts.get_by_id(account_id).credential_generation
            token = auth_tables().issue(account_id, BEARER, timedelta(hours=1), generation)
        return {"Authorization": f"Bearer {token.token}"}

    def read(self, path: str, role: Role = Role.CITY_REGULATOR) -> Any:
        answer = self.app.test_client().get(path, headers=self.bearer(role))
        assert answer.status_code == 200, answer.get_json()
        return answer.get_json()

    def path_values(self, path: str) -> list[dict[str, Any]]:
        """A few sets of real values for the parameters of a path template (none: no
        parameters), the n-th set taking the n-th known value of each."""
        names = [n for n in self.known if "{" + n + "}" in path]
        if "/rubrics/" in path:
            return [{"code": "fengdu-village-station", "version": 1}]
        if not names:
            return []
        widest = max(len(self.known[n]) for n in names)
        return [{n: self.known[n][i % len(self.known[n])] for n in names} for i in range(widest)]


def quick_hasher() -> Argon2Hasher:
    """argon2id at its lowest cost: the demo's ninety accounts load in a moment, and since a
    hash keeps its parameters the service's own hasher signs them in as any other."""
    return Argon2Hasher(time_cost=1, memory_cost=1024)


@dataclass(frozen=True)
class LoadedDemo:
    """The demo quarter loaded once into a SQLite folder with its read models caught up; each
    test module (and each browser test) works on its own copy."""

    folder: Path
    plan: DemoPlan


def load_demo_once(folder: Path) -> LoadedDemo:
    store = open_event_store(Settings(data_dir=folder))
    try:
        plan = load_demo(
            Kaohe(store, DemoClock(), quick_hasher(), FileEvidence(folder / "evidence"))
        )
        Projections(store).catch_up()
    finally:
        store.close()
    return LoadedDemo(folder, plan)


@contextmanager
def demo_api(loaded: LoadedDemo, folder: Path) -> Iterator[DemoApi]:
    """The API over a copy of the loaded demo in `folder` (which must not exist yet)."""
    shutil.copytree(loaded.folder, folder)
    store = open_event_store(Settings(data_dir=folder))
    try:
        yield api_over(store, folder / "evidence", loaded.plan)
    finally:
        store.close()


def api_over(store: EventStore, evidence: Path, plan: DemoPlan) -> DemoApi:
    # Generated logins fail by the hundred from one address: do not lock the tests out.
    lenient = {"KAOHE_LOGIN_THROTTLE": ThrottlePolicy(per_account=10_000, per_address=10_000)}
    kaohe = Kaohe(store, StepClock(), quick_hasher(), FileEvidence(evidence))
    settings = Settings.from_env()
    app = create_app(settings, build(settings, kaohe), config=lenient)
    accounts = {role: kaohe.accounts.get(plan.account(role, u).username).id for role, u in ROLES}
    api = DemoApi(app, accounts, store)
    sheets = api.read("/api/v1/assessments")
    by_status = {row["status"]: row["id"] for row in sheets}
    campaigns = api.read("/api/v1/campaigns")
    api.known = {
        "aid": [by_status[s] for s in sorted(by_status)],
        "cid": [c["id"] for c in campaigns][:3],
        "code": [unit for _, unit in ROLES][:4],
        "username": list(OTHER_ACCOUNTS),
        "name": list(TABLES),
        "number": ["1", "58", "61"],
    }
    return api
