"""A small hierarchy for the HTTP tests: two cities, so every role has units in its subtree
and units outside it; an account per role; the Fengdu village rubric published."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

from flask import Flask
from flask.testing import FlaskClient

from application.actor import Actor
from application.bus import Outcome
from application.commands.accounts import CreateAccount, GrantRole
from application.commands.assessments import Approve, Finalize, OpenAssessment, SaveSheet, Submit
from application.commands.base import Command as BusCommand
from application.commands.base import Command as Step
from application.commands.campaigns import (
    DrawSample,
    EnterSeed,
    FreezeFrame,
    weights_of,
)
from application.commands.rubrics import PublishRubric
from application.commands.units import RegisterUnit
from application.service import Kaohe
from application.store import EventStore
from domain.account import Role
from domain.entries import ItemEntry
from domain.ids import account_id
from domain.rubric import UnitLevel
from domain.rules import Kind
from infra.bootstrap import build
from infra.evidence_files import FileEvidence
from infra.passwords import Argon2Hasher
from infra.rubric_files import builtin_rubric_paths, read_definition
from infra.settings import Settings
from tests.campaign_opening import opening
from tests.unit.application.sending import Who, record_finding, send
from web.app import create_app

PASSWORD = "correct-horse-battery"
SEED = "48213907561234509876"
RUBRIC = "fengdu-village-station"
UNITS = (
    ("CITY", UnitLevel.CITY, None),
    ("C1", UnitLevel.COUNTY, "CITY"),
    ("T1", UnitLevel.TOWN, "C1"),
    ("T1B", UnitLevel.TOWN, "C1"),
    ("V1", UnitLevel.VILLAGE, "T1"),
    ("V2", UnitLevel.VILLAGE, "T1"),
    ("CITY9", UnitLevel.CITY, None),
    ("C9", UnitLevel.COUNTY, "CITY9"),
    ("T9", UnitLevel.TOWN, "C9"),
    ("T9B", UnitLevel.TOWN, "C9"),
    ("V9", UnitLevel.VILLAGE, "T9"),
)
ACCOUNTS = (
    ("staff", Role.STATION_STAFF, "V1"),
    ("staff2", Role.STATION_STAFF, "V2"),
    ("reviewer", Role.TOWN_REVIEWER, "T1"),
    ("auditor", Role.COUNTY_AUDITOR, "C1"),
    ("regulator", Role.CITY_REGULATOR, "CITY"),
    ("admin", Role.ADMINISTRATOR, "CITY"),
    ("staff9", Role.STATION_STAFF, "V9"),
    ("reviewer9", Role.TOWN_REVIEWER, "T9"),
    ("auditor9", Role.COUNTY_AUDITOR, "C9"),
)
USER_OF = {role: name for name, role, unit in ACCOUNTS if unit in ("V1", "T1", "C1", "CITY")}
"""The account of each role whose subtree holds V1."""


class StepClock:
    """Real time, one millisecond further at each reading; `advance` jumps ahead."""

    def __init__(self) -> None:
        self.current = datetime.now(UTC)

    def now(self) -> datetime:
        self.current += timedelta(milliseconds=1)
        return self.current

    def advance(self, delta: timedelta) -> None:
        self.current += delta


@dataclass
class World:
    kaohe: Kaohe
    clock: StepClock
    app: Flask
    tokens: dict[str, str] = field(default_factory=dict)

    @property
    def client(self) -> FlaskClient:
        return self.app.test_client()

    def login(self, username: str) -> dict[str, str]:
        """Bearer headers of the account (logged in once)."""
        if username not in self.tokens:
            response = self.client.post(
                "/api/v1/auth/token", json={"username": username, "password": PASSWORD}
            )
            assert response.status_code == 200, response.get_json()
            self.tokens[username] = response.get_json()["access_token"]
        return {"Authorization": f"Bearer {self.tokens[username]}"}

    def actor(self, username: str) -> Who:
        """The account acting in its (only) grant, for arranging state directly."""
        account = self.kaohe.accounts.get(username)
        grant = next(iter(account.grants.values()))
        return Who(Actor(account.id, grant.role, grant.unit_id), "arrange")

    def assessment(self, village: str, period: str, status: str = "draft") -> UUID:
        """An assessment of a village in a status, arranged through the application."""
        staff = {"V1": "staff", "V2": "staff2", "V9": "staff9"}[village]
        town = "reviewer9" if village == "V9" else "reviewer"
        opened = OpenAssessment(unit=village, rubric=RUBRIC, version=1, period=period)
        aid = self.send(staff, opened).id
        self.send(staff, SaveSheet(assessment_id=aid, entries=self.full_sheet(aid)))
        if status in ("submitted", "approved", "finalized"):
            self.send(staff, Submit(assessment_id=aid))
        if status in ("approved", "finalized"):
            self.send(town, Approve(assessment_id=aid))
        if status == "finalized":
            self.send("auditor9" if village == "V9" else "auditor", Finalize(assessment_id=aid))
        return aid

    def send(self, username: str, command: Step) -> Outcome:
        """Send a command through the bus as the account's grant, unauthorized."""
        return send(self.kaohe, self.actor(username), command)

    def full_sheet(self, aid: UUID) -> dict[str, ItemEntry]:
        rubric = self.kaohe.assessments.rubric_of(self.kaohe.assessments.get(aid))
        return {
            i.number: ItemEntry(points=i.max_points)
            for i in rubric.items()
            if i.kind is Kind.STANDARD
        }

    def campaign(self, county: str, period: str, stage: str = "opened") -> UUID:
        """A simple campaign of C1 or C9 for a period, arranged through the application up
        to a stage ("opened", "frozen", "seeded", "drawn", or "found": drawn with a finding
        on every sampled sheet), with an approved sheet of each of its villages (the frame)."""
        auditor = self.actor("auditor9" if county == "C9" else "auditor")
        c = self.kaohe.campaigns
        cid = self.step(auditor, opening(county, period, f"抽查{period}", seed=SEED))
        villages = ("V9",) if county == "C9" else ("V1", "V2")
        sheets = [self.assessment(v, period, "approved") for v in villages]
        steps = ("frozen", "seeded", "drawn", "found")
        if stage in steps:
            self.step(auditor, FreezeFrame(campaign_id=cid, weights=weights_of(sheets)))
        if stage in steps[1:]:
            self.step(auditor, EnterSeed(campaign_id=cid, seed=SEED, source="公开掷骰"))
        if stage in steps[2:]:
            self.step(auditor, DrawSample(campaign_id=cid))
        if stage == "found":
            for s in c.get(cid).sample:
                record_finding(self.kaohe, auditor, s.assessment_id, "none", [], [], "核查无误")
        return cid

    def step(self, by: Who, command: BusCommand) -> UUID:
        """Run a campaign command as an arranged actor (trusted: not authorized)."""
        return send(self.kaohe, by, command).id

    def campaign_version(self, cid: UUID) -> int:
        return self.kaohe.campaigns.get(cid).version

    def version(self, aid: UUID) -> int:
        return self.kaohe.assessments.get(aid).version

    def denials(self, username: str) -> list[dict[str, Any]]:
        """The refused attempts recorded on an account, oldest first."""
        return [
            c.state
            for c in self.kaohe.history(account_id(username))
            if c.topic.endswith("AccessDenied")
        ]


def build_world(store: EventStore, evidence: Path, config: dict[str, Any] | None = None) -> World:
    clock = StepClock()
    kaohe = Kaohe(store, clock, Argon2Hasher(time_cost=1, memory_cost=1024), FileEvidence(evidence))
    for code, level, parent in UNITS:
        kaohe.setup(RegisterUnit(code=code, unit_name=f"{code} 单位", level=level, parent=parent))
    for path in builtin_rubric_paths():
        kaohe.setup(PublishRubric(definition=read_definition(path)))
    for username, role, unit in ACCOUNTS:
        kaohe.setup(
            CreateAccount(username=username, display_name=f"{username} 用户", password=PASSWORD)
        )
        kaohe.setup(GrantRole(username=username, role=role, unit=unit))
    # The log key (signing the stamps of downloads) goes beside the evidence, not in ./var.
    settings = Settings(data_dir=evidence.parent)
    refusals = (config or {}).get("KAOHE_REFUSALS")
    services = build(settings, kaohe, refusals)
    app = create_app(settings, services, config=config)
    return World(kaohe, clock, app)
