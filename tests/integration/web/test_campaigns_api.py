"""Spot checks over HTTP: a county's auditor opens a campaign, freezes the frame from the read
model, enters the seed, draws, and anyone above can verify the draw; steps run once and in
order (409), need the version read (428, 412) and repeat safely; the risk report ranks and
exports; a finding's consequence is recorded through the guarded facade."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any
from uuid import UUID

from application.commands.assessments import AttachEvidence
from domain.china_time import china_day
from tests.campaign_opening import committed
from tests.integration.web.world import SEED, World
from tests.unit.application.sending import record_finding
from web.app import projections_of

PERIOD = "2023Q2"
OPEN = {
    "county": "C1",
    "period": PERIOD,
    "name": "二季度抽查",
    "mode": "simple",
    "size": 1,
    "commitment": committed(SEED),
}


def post(world: World, path: str, who: str, version: int | None, body: Any = None) -> Any:
    headers = world.login(who) | ({} if version is None else {"If-Match": f'"{version}"'})
    return world.client.post(f"/api/v1/campaigns{path}", json=body, headers=headers)


def approved(world: World) -> list[str]:
    found = [str(world.assessment(v, PERIOD, "approved")) for v in ("V1", "V2")]
    projections_of(world.app).catch_up()  # what the projection workers do in production
    return found


def test_a_campaign_runs_in_order_and_its_draw_verifies(world: World) -> None:
    sheets = approved(world)
    key = {"Idempotency-Key": "open-c1-q2"}
    opened = world.client.post("/api/v1/campaigns", json=OPEN, headers=world.login("auditor") | key)
    assert opened.status_code == 201 and opened.headers["ETag"] == '"1"'
    again = world.client.post("/api/v1/campaigns", json=OPEN, headers=world.login("auditor") | key)
    assert again.status_code == 201 and again.get_json() == opened.get_json()
    cid = opened.get_json()["id"]
    assert post(world, f"/{cid}/frame", "auditor", None).status_code == 428
    assert post(world, f"/{cid}/draw", "auditor", 1).status_code == 409  # not seeded yet
    frozen = post(world, f"/{cid}/frame", "auditor", 1)
    assert frozen.status_code == 200, frozen.get_json()
    assert sorted(e["assessment_id"] for e in frozen.get_json()["frame"]) == sorted(sheets)
    stale = post(world, f"/{cid}/seed", "auditor", 1, {"seed": SEED, "source": "公开掷骰"})
    assert stale.status_code == 412 and stale.get_json()["current_version"] == 3
    chosen = post(world, f"/{cid}/seed", "auditor", 3, {"seed": "1" * 20, "source": "掷骰"})
    assert chosen.status_code == 422 and "与立项时的承诺不符" in str(chosen.get_json())
    seeded = post(world, f"/{cid}/seed", "auditor", 3, {"seed": SEED, "source": "掷骰"})
    assert seeded.status_code == 200 and seeded.get_json()["seed_source"] == "掷骰"
    drawn = post(world, f"/{cid}/draw", "auditor", 4).get_json()
    assert drawn["stage"] == "drawn" and drawn["seed"] == SEED
    [selected] = drawn["sample"]
    assert selected["probability"] == "1/2" and selected["finding"] is None
    again_drawn = post(world, f"/{cid}/draw", "auditor", 5)
    assert again_drawn.status_code == 409
    assert "drawn" in again_drawn.get_json()["detail"]
    verified = world.client.get(f"/api/v1/campaigns/{cid}/verify", headers=world.login("admin"))
    assert verified.get_json()["matches"] is True and verified.get_json()["sample_size"] == 1
    assert verified.get_json()["commitment"] == "hash"
    factors = world.client.get(f"/api/v1/campaigns/{cid}/factors", headers=world.login("auditor"))
    assert factors.status_code == 200 and factors.get_json()["assessments"] == []
    assert factors.get_json()["pending"] == [selected["assessment_id"]]  # not checked yet
    unfound = post(world, f"/{cid}/close", "auditor", 5)
    assert unfound.status_code == 422 and "no finding yet" in unfound.get_json()["detail"]
    record_finding(
        world.kaohe,
        world.actor("auditor"),
        UUID(selected["assessment_id"]),
        "none",
        [],
        [],
        "核查无误",
    )
    closed = post(world, f"/{cid}/close", "auditor", 5).get_json()
    assert closed["stage"] == "closed"
    assert closed["findings"] == {selected["assessment_id"]: "none"}


def test_a_goal_sizes_the_sample_at_freezing_and_is_shown(world: World) -> None:
    approved(world)
    goal = {"rule": "detect", "rate": "0.10", "confidence": "0.95"}
    body = OPEN | {"size": None, "goal": goal, "name": "按目标抽查"}
    del body["size"]
    opened = world.client.post("/api/v1/campaigns", json=body, headers=world.login("auditor"))
    assert opened.status_code == 201, opened.get_json()
    assert opened.get_json()["plan"]["goal"]["rate"] == "0.10"
    frozen = post(world, f"/{opened.get_json()['id']}/frame", "auditor", 1).get_json()
    assert frozen["size"] == 2  # N = 2, D = 1: one sheet misses it half the time, two never
    both = OPEN | {"goal": goal}
    refused = world.client.post("/api/v1/campaigns", json=both, headers=world.login("auditor"))
    assert refused.status_code == 422
    uncommitted = {k: v for k, v in OPEN.items() if k != "commitment"}
    refused = world.client.post(
        "/api/v1/campaigns", json=uncommitted, headers=world.login("auditor")
    )
    assert refused.status_code == 422


def test_the_list_holds_the_callers_counties_only(world: World) -> None:
    world.campaign("C1", PERIOD)
    world.campaign("C9", PERIOD)

    def counties(who: str) -> list[str]:
        found = world.client.get("/api/v1/campaigns", headers=world.login(who))
        return [c["county"] for c in found.get_json()]

    assert counties("auditor") == counties("regulator") == ["C1"]
    assert counties("auditor9") == ["C9"]
    assert world.client.get("/api/v1/campaigns", headers=world.login("staff")).status_code == 403


def test_bad_input_is_refused_field_by_field_in_both_languages(world: World) -> None:
    bad = OPEN | {"mode": "random", "size": 0}
    refused = world.client.post("/api/v1/campaigns", json=bad, headers=world.login("auditor"))
    assert refused.status_code == 422
    errors = {e["field"]: e for e in refused.get_json()["errors"]}
    assert set(errors) == {"mode", "size"}
    assert errors["mode"]["message_zh"].startswith("必须是以下之一")
    cid = world.campaign("C1", PERIOD)
    both = {"assessments": [str(cid)], "weights": {str(cid): "2"}}
    assert post(world, f"/{cid}/frame", "auditor", 1, both).status_code == 422
    seed = post(world, f"/{cid}/seed", "auditor", 1, {"seed": "abc", "source": "x"})
    assert seed.status_code == 422 and seed.get_json()["errors"][0]["field"] == "seed"
    unknown = "00000000-0000-0000-0000-000000000001"
    missing = world.client.get(f"/api/v1/campaigns/{unknown}", headers=world.login("admin"))
    assert missing.status_code == 404 and missing.mimetype == "application/problem+json"
    taken = world.client.post("/api/v1/campaigns", json=OPEN, headers=world.login("auditor"))
    assert taken.status_code == 201
    twice = world.client.post("/api/v1/campaigns", json=OPEN, headers=world.login("auditor"))
    assert twice.status_code == 409


def test_a_weighted_frame_takes_the_risk_reports_weights(world: World) -> None:
    approved(world)
    risk = world.client.get(
        f"/api/v1/risk?unit=C1&period={PERIOD}", headers=world.login("regulator")
    ).get_json()
    assert risk["county"] == "C1" and risk["period"] == PERIOD
    assert {s["code"] for s in risk["stations"]} == {"V1", "V2"}
    weight_of = {s["unit_id"]: s["weight"] for s in risk["stations"]}
    body = OPEN | {"mode": "weighted", "size": 1}
    cid = world.client.post("/api/v1/campaigns", json=body, headers=world.login("auditor"))
    frozen = post(world, f"/{cid.get_json()['id']}/frame", "auditor", 1).get_json()
    assert {e["unit_id"]: e["weight"] for e in frozen["frame"]} == weight_of


def test_the_risk_report_needs_a_county_and_exports_as_a_table(world: World) -> None:
    approved(world)
    admin = world.login("admin")
    town = world.client.get(f"/api/v1/risk?unit=T1&period={PERIOD}", headers=admin)
    assert town.status_code == 404
    assert world.client.get("/api/v1/risk?unit=C1", headers=admin).status_code == 422
    elsewhere = world.client.get(
        f"/api/v1/risk?unit=C9&period={PERIOD}", headers=world.login("auditor")
    )
    assert elsewhere.status_code == 403
    tables = world.client.get(f"/api/v1/tables/risk?period={PERIOD}", headers=admin).get_json()
    [table] = tables["tables"]  # one county under the administrator's city
    assert table["name"] == "risk" and table["columns"][:4] == ["层级", "排名", "乡镇", "站点"]
    assert {row[3] for row in table["rows"] if row[0] == "站点"} == {"V1 单位", "V2 单位"}
    csv = world.client.get(f"/api/v1/tables/risk?unit=C1&period={PERIOD}&format=csv", headers=admin)
    assert csv.mimetype == "text/csv" and "全部满分" in csv.get_data(as_text=True)


def test_a_falsification_is_recorded_with_its_veto_by_the_county_only(world: World) -> None:
    aid = world.assessment("V1", PERIOD, "approved")
    content = b"photo of the ledger"
    attach = AttachEvidence(assessment_id=aid, file_name="台账.jpg", content=content, item="61")
    world.send("auditor", attach)
    version = world.version(aid)
    body = {
        "finding": "falsification",
        "items": ["61"],
        "evidence": [hashlib.sha256(content).hexdigest()],
        "note": "台账虚报",
        "consequence": {"item": "61", "condition": "3"},
    }

    def find(who: str, data: Any) -> Any:
        headers = world.login(who) | {"If-Match": f'"{version}"'}
        return world.client.post(f"/api/v1/assessments/{aid}/findings", json=data, headers=headers)

    assert find("auditor9", body).status_code == 403
    assert world.denials("auditor9")[-1]["action"] == "assessments.finding"
    both = body | {"consequence": {"item": "61", "condition": "3", "line": "x"}}
    assert find("auditor", both).status_code == 422
    assert find("auditor", body).status_code == 200
    a = world.kaohe.assessments.get(aid)
    assert a.version > version and a.findings[-1].finding == "falsification"
    assert a.layers["verification"]["61"]["raised"] == ["3"]


def test_a_public_draw_named_at_opening_is_entered_once_held(world: World) -> None:
    approved(world)
    today = china_day(world.clock.now())
    draw = {"draw": "福利彩票3D", "draw_date": today.isoformat()}
    held = OPEN | {"commitment": draw, "name": "公开开奖抽查"}
    refused = world.client.post("/api/v1/campaigns", json=held, headers=world.login("auditor"))
    assert refused.status_code == 422 and "不晚于立项的日期" in str(refused.get_json())
    later = {"draw": "福利彩票3D", "draw_date": (today + timedelta(days=2)).isoformat()}
    body = held | {"commitment": later}
    opened = world.client.post("/api/v1/campaigns", json=body, headers=world.login("auditor"))
    assert opened.status_code == 201, opened.get_json()
    cid = opened.get_json()["id"]
    assert post(world, f"/{cid}/frame", "auditor", 1).status_code == 200
    early = post(world, f"/{cid}/seed", "auditor", 3, {"seed": SEED})
    assert early.status_code == 422 and "尚未开奖" in str(early.get_json())
    world.clock.advance(timedelta(days=3))
    world.tokens.clear()  # the tokens expired meanwhile
    seeded = post(world, f"/{cid}/seed", "auditor", 3, {"seed": SEED})
    assert seeded.status_code == 200, seeded.get_json()
    assert seeded.get_json()["seed_source"] == f"福利彩票3D ({later['draw_date']})"
    assert post(world, f"/{cid}/draw", "auditor", 4).status_code == 200
    verified = world.client.get(f"/api/v1/campaigns/{cid}/verify", headers=world.login("admin"))
    assert verified.get_json()["matches"] and verified.get_json()["commitment"] == "public_draw"
