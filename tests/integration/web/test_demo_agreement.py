"""Grading the graders on the demo quarter: the county reads each town reviewer's and town's
agreement with its spot check, by name, on the page and in the API, with the weights that
send the next sample towards the towns that agree least."""

from __future__ import annotations

from decimal import Decimal

from domain.account import Role
from tests.campaign_opening import committed
from tests.integration.web.demo_api import DemoApi
from tests.integration.web.readable import unreadable, visible_text


def test_the_api_grades_reviewers_and_towns_and_weighs_the_frame(demo: DemoApi) -> None:
    found = demo.read("/api/v1/agreement?unit=DEMO-01&period=2023Q2", Role.COUNTY_AUDITOR)
    assert found["towns"] and found["reviewers"]
    assert all(t["name"] for t in found["towns"])
    assert all(r["name"] and r["name"] != "系统" and r["town"] for r in found["reviewers"])
    worst = found["towns"][0]
    assert Decimal(worst["share_within"]) < 1 and Decimal(worst["weight"]) > 1
    weights = {Decimal(w) for w in found["weights"].values()}
    assert Decimal(worst["weight"]) in weights and Decimal(1) in weights
    sheets = demo.read("/api/v1/assessments?unit=DEMO-01&period=2023Q2", Role.COUNTY_AUDITOR)
    approved = {s["id"] for s in sheets if s["status"] == "approved"}
    assert set(found["weights"]) <= approved


def test_the_county_reads_the_page_by_name(demo: DemoApi) -> None:
    found = demo.read("/api/v1/agreement?unit=DEMO-01", Role.COUNTY_AUDITOR)
    client = demo.app.test_client()
    username = "auditor-01"
    client.post("/login", data={"username": username, "password": f"demo-{username}-2023"})
    home = client.get("/").get_data(as_text=True)
    assert "初审质量" in home
    page = visible_text(client.get("/agreement").get_data(as_text=True))
    assert not unreadable(page)
    for r in found["reviewers"]:
        assert r["name"] in page
    assert found["towns"][0]["name"] in page


def test_a_weighted_campaign_takes_the_agreement_weights_as_its_frame(demo: DemoApi) -> None:
    found = demo.read("/api/v1/agreement?unit=DEMO-01&period=2023Q2", Role.COUNTY_AUDITOR)
    client, auditor = demo.app.test_client(), demo.bearer(Role.COUNTY_AUDITOR)
    plan = {
        "county": "DEMO-01",
        "period": "2023Q2",
        "name": "按初审质量加权抽查",
        "mode": "weighted",
        "size": 3,
        "commitment": committed(),
    }
    opened = client.post("/api/v1/campaigns", json=plan, headers=auditor)
    assert opened.status_code == 201, opened.get_json()
    cid = opened.get_json()["id"]
    frozen = client.post(
        f"/api/v1/campaigns/{cid}/frame",
        json={"weights": found["weights"]},
        headers=auditor | {"If-Match": opened.headers["ETag"]},
    )
    assert frozen.status_code == 200, frozen.get_json()
    frame = {e["assessment_id"]: Decimal(e["weight"]) for e in frozen.get_json()["frame"]}
    assert frame == {aid: Decimal(w) for aid, w in found["weights"].items()}


def test_a_weighted_campaign_can_ask_for_the_agreement_weights(demo: DemoApi) -> None:
    found = demo.read("/api/v1/agreement?unit=DEMO-01&period=2023Q2", Role.COUNTY_AUDITOR)
    client, auditor = demo.app.test_client(), demo.bearer(Role.COUNTY_AUDITOR)
    plan = {
        "county": "DEMO-01",
        "period": "2023Q2",
        "mode": "weighted",
        "size": 3,
        "commitment": committed(),
    }
    for name, mode in (("按初审质量加权", "weighted"), ("简单随机", "simple")):
        opened = client.post(
            "/api/v1/campaigns", json=plan | {"name": name, "mode": mode}, headers=auditor
        )
        assert opened.status_code == 201, opened.get_json()
        frozen = client.post(
            f"/api/v1/campaigns/{opened.get_json()['id']}/frame",
            json={"weigh_by": "agreement"},
            headers=auditor | {"If-Match": opened.headers["ETag"]},
        )
        if mode == "simple":  # refused, and said why
            assert frozen.status_code == 422 and "weighted" in frozen.get_json()["detail"]
            continue
        assert frozen.status_code == 200, frozen.get_json()
        frame = {e["assessment_id"]: Decimal(e["weight"]) for e in frozen.get_json()["frame"]}
        assert frame == {aid: Decimal(w) for aid, w in found["weights"].items()}
