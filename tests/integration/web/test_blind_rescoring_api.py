"""The API's sampled sheet for its verifier is blind like the re-score page: no self or
review score until a verification score is saved, then the three layers side by side."""

from __future__ import annotations

from typing import Any

from application.commands.assessments import Approve
from tests.integration.web.test_campaigns_api import OPEN, PERIOD, post
from tests.integration.web.world import SEED, World
from web.app import projections_of

LAYERS = {"self_score", "review_score", "counting", "differs"}


def sampled(world: World) -> tuple[str, str]:
    """V1's sheet, its item 1 lowered to 0.5 by the town, the only sheet drawn."""
    aid = world.assessment("V1", PERIOD, "submitted")
    headers = world.login("reviewer") | {"If-Match": f'"{world.version(aid)}"'}
    body = {"points": "0.5", "reason": "台账不全"}
    lowered = world.client.put(f"/api/v1/assessments/{aid}/items/1", json=body, headers=headers)
    assert lowered.status_code == 200, lowered.get_json()
    world.send("reviewer", Approve(assessment_id=aid))
    projections_of(world.app).catch_up()
    cid = world.client.post(
        "/api/v1/campaigns", json=OPEN, headers=world.login("auditor")
    ).get_json()["id"]
    assert post(world, f"/{cid}/frame", "auditor", 1).status_code == 200
    assert (
        post(world, f"/{cid}/seed", "auditor", 3, {"seed": SEED, "source": "掷骰"}).status_code
        == 200
    )
    assert post(world, f"/{cid}/draw", "auditor", 4).get_json()["sample"]
    return cid, str(aid)


def read(world: World, cid: str, aid: str) -> Any:
    answer = world.client.get(
        f"/api/v1/campaigns/{cid}/sheets/{aid}", headers=world.login("auditor")
    )
    assert answer.status_code == 200, answer.get_json()
    return answer


def test_the_verifier_reads_the_sampled_sheet_blind_until_scoring(world: World) -> None:
    cid, aid = sampled(world)
    blind = read(world, cid, aid)
    found = blind.get_json()
    assert found["blind"] is True and found["items"]
    assert all(LAYERS.isdisjoint(item) and item["verified"] is None for item in found["items"])
    headers = world.login("auditor") | {"If-Match": blind.headers["ETag"]}
    body = {"points": "0", "reason": "现场核实"}
    scored = world.client.put(f"/api/v1/assessments/{aid}/items/2", json=body, headers=headers)
    assert scored.status_code == 200, scored.get_json()
    shown = read(world, cid, aid).get_json()
    assert shown["blind"] is False
    items = {item["number"]: item for item in shown["items"]}
    assert (items["1"]["self_score"], items["1"]["review_score"]) == ("1", "0.5")
    assert items["2"]["verified"] == "0" and items["2"]["differs"] is True
