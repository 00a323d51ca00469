"""The authorization matrix, generated from one table: every role × every endpoint × a unit
inside the role's subtree and one outside it. Allowed calls succeed; refused ones get 403
and leave a denied attempt on the caller's account, which the audit trail shows."""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from werkzeug.test import TestResponse

from application.commands.accounts import CreateAccount, GrantRole
from application.commands.units import RegisterUnit
from application.refusals import RefusalPolicy
from domain.account import Role
from domain.rubric import UnitLevel
from infra.bootstrap import open_event_store
from infra.rubric_files import BUILTIN_DIR
from infra.settings import Settings
from tests.campaign_opening import committed
from tests.integration.web.world import PASSWORD, SEED, USER_OF, World, build_world
from web.app import projections_of

ALL = frozenset(Role)
STAFF, TOWN, COUNTY = Role.STATION_STAFF, Role.TOWN_REVIEWER, Role.COUNTY_AUDITOR
CITY, ADMIN = Role.CITY_REGULATOR, Role.ADMINISTRATOR
SEQUENCE = itertools.count(1)
SCORING_STATE = {STAFF: "draft", TOWN: "submitted", COUNTY: "approved"}
"""Where a sheet must stand for each role's layer to be open."""


@dataclass(frozen=True)
class Case:
    role: Role
    inside: bool
    n: int

    @property
    def village(self) -> str:
        return "V1" if self.inside else "V9"

    @property
    def town(self) -> str:
        return "T1" if self.inside else "T9"

    @property
    def period(self) -> str:
        """A quarter of its own for each case (real periods: 2000Q1 to 2099Q4)."""
        return f"{2000 + self.n // 4}Q{self.n % 4 + 1}"

    @property
    def county(self) -> str:
        return "C1" if self.inside else "C9"


Call = Callable[[World, Case, dict[str, str]], TestResponse]


@dataclass(frozen=True)
class Row:
    endpoint: str
    allowed: frozenset[Role]
    call: Call
    scoped: bool = True
    ok: int = 200


def sheet(w: World, c: Case, status: str | None = None) -> tuple[str, dict[str, str]]:
    """A fresh assessment of the case's village, in the status the role's step needs."""
    aid = w.assessment(c.village, c.period, status or SCORING_STATE.get(c.role, "draft"))
    return str(aid), {"If-Match": f'"{w.version(aid)}"'}


def step(path: str, status: str, body: dict[str, Any] | None = None) -> Call:
    def call(w: World, c: Case, h: dict[str, str]) -> TestResponse:
        aid, match = sheet(w, c, status)
        return w.client.post(f"/api/v1/assessments/{aid}/{path}", json=body, headers=h | match)

    return call


def scoring(method: str, path: str, body: dict[str, Any]) -> Call:
    def call(w: World, c: Case, h: dict[str, str]) -> TestResponse:
        aid, match = sheet(w, c)
        send = w.client.put if method == "PUT" else w.client.post
        return send(f"/api/v1/assessments/{aid}/{path}", json=body, headers=h | match)

    return call


def read(path: str) -> Call:
    def call(w: World, c: Case, h: dict[str, str]) -> TestResponse:
        aid, _ = sheet(w, c, "draft")
        projections_of(w.app).catch_up()  # what the projection workers do in production
        return w.client.get(path.format(aid=aid, village=c.village), headers=h)

    return call


def fresh_unit(w: World, c: Case) -> str:
    code = f"N{c.n}"
    w.kaohe.setup(
        RegisterUnit(code=code, unit_name="新村", level=UnitLevel.VILLAGE, parent=c.town), "arrange"
    )
    return code


def fresh_account(w: World, c: Case) -> str:
    name = f"user{c.n}"
    w.kaohe.setup(CreateAccount(username=name, display_name="新用户", password=PASSWORD))
    w.kaohe.setup(GrantRole(username=name, role=STAFF, unit=c.village))
    return name


def unit_call(method: str, path: str, body: Callable[[Case], dict[str, Any]]) -> Call:
    def call(w: World, c: Case, h: dict[str, str]) -> TestResponse:
        code = fresh_unit(w, c)
        send = w.client.put if method == "PUT" else w.client.post
        return send(f"/api/v1/units/{code}/{path}", json=body(c), headers=h | {"If-Match": '"1"'})

    return call


def account_call(path: str, body: Callable[[Case], dict[str, Any]]) -> Call:
    def call(w: World, c: Case, h: dict[str, str]) -> TestResponse:
        name = fresh_account(w, c)
        headers = h | {"If-Match": f'"{w.kaohe.accounts.get(name).version}"'}
        return w.client.post(f"/api/v1/accounts/{name}/{path}", json=body(c), headers=headers)

    return call


def publish(w: World, c: Case, h: dict[str, str]) -> TestResponse:
    content = (BUILTIN_DIR / "fengdu-village-station.v1.yaml").read_bytes()
    changed = content.replace(b"\nversion: 1\n", f"\nversion: {c.n + 1}\n".encode())
    files = {"file": (io.BytesIO(changed), "rubric.yaml")}
    return w.client.post("/api/v1/rubrics", data=files, headers=h)


def campaign_read(path: str) -> Call:
    def call(w: World, c: Case, h: dict[str, str]) -> TestResponse:
        cid = w.campaign(c.county, c.period, "drawn")
        projections_of(w.app).catch_up()
        return w.client.get(path.format(cid=cid, county=c.county, period=c.period), headers=h)

    return call


def sampled_sheet_read(w: World, c: Case, h: dict[str, str]) -> TestResponse:
    cid = w.campaign(c.county, c.period, "drawn")
    aid = w.kaohe.campaigns.get(cid).sample[0].assessment_id
    return w.client.get(f"/api/v1/campaigns/{cid}/sheets/{aid}", headers=h)


def campaign_step(path: str, stage: str, body: dict[str, Any] | None = None) -> Call:
    def call(w: World, c: Case, h: dict[str, str]) -> TestResponse:
        cid = w.campaign(c.county, c.period, stage)
        projections_of(w.app).catch_up()  # the default frame comes from the read model
        match = {"If-Match": f'"{w.campaign_version(cid)}"'}
        return w.client.post(f"/api/v1/campaigns/{cid}/{path}", json=body, headers=h | match)

    return call


SPOT_CHECKERS = frozenset({COUNTY})
SPOT_CHECK_READERS = frozenset({COUNTY, CITY, ADMIN})
REASON = {"reason": "核查发现问题"}
TABLE = (
    Row("GET assessment", ALL, read("/api/v1/assessments/{aid}")),
    Row("GET assessment history", ALL, read("/api/v1/assessments/{aid}/history")),
    Row("GET assessments of a unit", ALL, read("/api/v1/assessments?unit={village}")),
    Row("GET audit of a unit", ALL, read("/api/v1/audit?unit={village}")),
    Row("GET table of a unit", ALL, read("/api/v1/tables/scores?unit={village}")),
    Row("GET tasks of a unit", ALL, read("/api/v1/tasks?unit={village}")),
    Row("GET progress of a unit", ALL, read("/api/v1/progress?unit={village}")),
    Row("GET unit", ALL, read("/api/v1/units/{village}")),
    Row("GET unit contacts", ALL, read("/api/v1/units/{village}/contacts")),
    Row(
        "POST assessments (open)",
        frozenset({STAFF}),
        lambda w, c, h: w.client.post(
            "/api/v1/assessments",
            json={
                "unit": c.village,
                "rubric": "fengdu-village-station",
                "version": 1,
                "period": c.period,
            },
            headers=h,
        ),
        ok=201,
    ),
    Row(
        "PUT item",
        frozenset({STAFF, TOWN, COUNTY}),
        scoring("PUT", "items/1", {"points": "0.5"} | REASON),
    ),
    Row(
        "PUT sheet",
        frozenset({STAFF, TOWN, COUNTY}),
        scoring("PUT", "sheet", {"entries": {"2": {"points": "0"}}} | REASON),
    ),
    Row(
        "POST bonus",
        frozenset({STAFF, TOWN, COUNTY}),
        scoring("POST", "bonus", {"item": "58", "matter": "老兵之家", "tier": "bureau"} | REASON),
    ),
    Row(
        "POST veto",
        frozenset({STAFF, TOWN, COUNTY}),
        scoring("POST", "veto", {"item": "61", "condition": "3"} | REASON),
    ),
    # The village rubric has no deduction lines: allowed callers get the rubric's refusal.
    Row(
        "POST deduction",
        frozenset({STAFF, TOWN, COUNTY}),
        scoring("POST", "deductions", {"item": "61", "line": "x", "count": 1} | REASON),
        ok=422,
    ),
    Row(
        "PUT progress",
        frozenset({STAFF, TOWN, COUNTY}),
        scoring("PUT", "items/1/progress", {"progress": "已完成"} | REASON),
    ),
    Row(
        "POST evidence",
        frozenset({STAFF, TOWN, COUNTY}),
        lambda w, c, h: w.client.post(
            f"/api/v1/assessments/{(s := sheet(w, c, 'submitted'))[0]}/evidence",
            data={"file": (io.BytesIO(b"ledger"), "ledger.pdf"), "item": "1"},
            headers=h | s[1],
        ),
    ),
    Row("POST submit", frozenset({STAFF}), step("submit", "draft")),
    Row("POST return", frozenset({TOWN}), step("return", "submitted", {"items": ["1"]} | REASON)),
    Row("POST approve", frozenset({TOWN}), step("approve", "submitted")),
    Row(
        "POST finding",
        frozenset({COUNTY}),
        step("findings", "approved", {"finding": "error", "items": ["1"], "note": "台账不全"}),
    ),
    Row("POST finalize", frozenset({COUNTY}), step("finalize", "approved")),
    Row("POST reopen", frozenset({COUNTY, ADMIN}), step("reopen", "approved", REASON)),
    Row(
        "GET campaigns",
        SPOT_CHECK_READERS,
        lambda w, c, h: w.client.get("/api/v1/campaigns", headers=h),
        scoped=False,
    ),
    Row("GET campaign", SPOT_CHECK_READERS, campaign_read("/api/v1/campaigns/{cid}")),
    Row("GET campaign verify", SPOT_CHECK_READERS, campaign_read("/api/v1/campaigns/{cid}/verify")),
    Row(
        "GET campaign factors", SPOT_CHECK_READERS, campaign_read("/api/v1/campaigns/{cid}/factors")
    ),
    Row(
        "GET risk of a county",
        SPOT_CHECK_READERS,
        campaign_read("/api/v1/risk?unit={county}&period={period}"),
    ),
    Row("GET a campaign's sampled sheet", SPOT_CHECK_READERS, sampled_sheet_read),
    Row(
        "GET agreement of a county",
        SPOT_CHECK_READERS,
        campaign_read("/api/v1/agreement?unit={county}&period={period}"),
    ),
    Row(
        "GET risk table of a unit",
        SPOT_CHECK_READERS,
        lambda w, c, h: w.client.get(
            f"/api/v1/tables/risk?unit={c.village}&period={c.period}", headers=h
        ),
    ),
    Row(
        "POST campaigns (open)",
        SPOT_CHECKERS,
        lambda w, c, h: w.client.post(
            "/api/v1/campaigns",
            json={
                "county": c.county,
                "period": c.period,
                "name": "抽查",
                "mode": "simple",
                "size": 1,
                "commitment": committed(),
            },
            headers=h,
        ),
        ok=201,
    ),
    Row("POST campaign frame", SPOT_CHECKERS, campaign_step("frame", "opened")),
    Row(
        "POST campaign seed",
        SPOT_CHECKERS,
        campaign_step("seed", "frozen", {"seed": SEED, "source": "公开掷骰"}),
    ),
    Row(
        "POST campaign escalate",
        SPOT_CHECKERS,
        campaign_step("escalate", "found", {"commitment": committed("27182818284590452353")}),
        ok=422,  # allowed, and refused by the plan: no finding passes a threshold
    ),
    Row("POST campaign draw", SPOT_CHECKERS, campaign_step("draw", "seeded")),
    Row("POST campaign close", SPOT_CHECKERS, campaign_step("close", "found")),
    Row(
        "PUT unit contact",
        frozenset({STAFF, TOWN, COUNTY, ADMIN}),
        lambda w, c, h: w.client.put(
            f"/api/v1/units/{c.village}/contact",
            json={"contact": "张三", "phone": "13800000000"},
            headers=h | {"If-Match": f'"{w.kaohe.units.get(c.village).version}"'},
        ),
    ),
    Row(
        "POST units (register)",
        frozenset({ADMIN}),
        lambda w, c, h: w.client.post(
            "/api/v1/units",
            json={"code": f"R{c.n}", "name": "新村", "level": "village", "parent": c.town},
            headers=h,
        ),
        ok=201,
    ),
    Row("PUT unit name", frozenset({ADMIN}), unit_call("PUT", "name", lambda c: {"name": "改名"})),
    Row(
        "POST unit move",
        frozenset({ADMIN}),
        unit_call(
            "POST",
            "move",
            lambda c: {"parent": f"{c.town}B", "effective_from": "2024-01-01"} | REASON,
        ),
    ),
    Row("POST unit close", frozenset({ADMIN}), unit_call("POST", "close", lambda c: REASON)),
    Row(
        "GET account",
        frozenset({CITY, ADMIN}),
        lambda w, c, h: w.client.get(f"/api/v1/accounts/{fresh_account(w, c)}", headers=h),
    ),
    Row(
        "POST grant",
        frozenset({ADMIN}),
        account_call("grants", lambda c: {"role": "town_reviewer", "unit": c.town}),
    ),
    Row(
        "POST revoke",
        frozenset({ADMIN}),
        account_call(
            "grants/revoke", lambda c: {"role": "station_staff", "unit": c.village} | REASON
        ),
    ),
    Row("POST disable", frozenset({ADMIN}), account_call("disable", lambda c: REASON)),
    Row(
        "POST accounts (create)",
        frozenset({ADMIN}),
        lambda w, c, h: w.client.post(
            "/api/v1/accounts",
            json={"username": f"new{c.n}", "display_name": "新用户", "password": PASSWORD},
            headers=h,
        ),
        scoped=False,
        ok=201,
    ),
    Row("POST rubrics (publish)", frozenset({ADMIN}), publish, scoped=False, ok=201),
    Row(
        "GET rubric",
        ALL,
        lambda w, c, h: w.client.get("/api/v1/rubrics/fengdu-village-station/1", headers=h),
        scoped=False,
    ),
    Row(
        "GET ledger verify",
        frozenset({CITY, ADMIN}),
        lambda w, c, h: w.client.get("/api/v1/ledger/verify", headers=h),
        scoped=False,
    ),
)


def cases() -> Iterator[Any]:
    for row in TABLE:
        for role in Role:
            for inside in (True, False) if row.scoped else (True,):
                allowed = role in row.allowed and inside
                where = "in scope" if inside else "out of scope"
                verdict = "allow" if allowed else "deny"
                yield pytest.param(
                    row, role, inside, allowed, id=f"{row.endpoint}|{role}|{where}|{verdict}"
                )


@pytest.fixture(scope="module")
def matrix_world(tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    data = tmp_path_factory.mktemp("matrix")
    store = open_event_store(Settings(data_dir=data))
    try:
        # Every refusal recorded, to check that each is; test_refusals checks the bounds.
        every = RefusalPolicy(window=timedelta(0), per_account=1_000_000)
        yield build_world(store, Path(data) / "evidence", {"KAOHE_REFUSALS": every})
    finally:
        store.close()


@pytest.mark.parametrize(("row", "role", "inside", "allowed"), list(cases()))
def test_authorization_matrix(
    matrix_world: World, row: Row, role: Role, inside: bool, allowed: bool
) -> None:
    w = matrix_world
    username = USER_OF[role]
    before = len(w.denials(username))
    response = row.call(w, Case(role, inside, next(SEQUENCE)), w.login(username))
    if allowed:
        assert response.status_code == row.ok, response.get_json()
        assert len(w.denials(username)) == before
    else:
        assert response.status_code == 403, response.get_json()
        assert response.mimetype == "application/problem+json"
        denials = w.denials(username)
        assert len(denials) == before + 1
        assert denials[-1]["actor_id"] == str(w.kaohe.accounts.get(username).id)
        assert denials[-1]["reason"]
